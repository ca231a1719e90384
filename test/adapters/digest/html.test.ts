import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw, safeHttpUrl } from '#adapters/digest/html';

describe('the HTML building blocks', () => {
  it('escapes the characters that could open a tag or leave an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&\`</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;',
    );
  });

  it('drops control and bidi-override characters that only disguise text', () => {
    expect(escapeHtml('safe\u0000\u202Etxt.exe\u0007')).toBe('safetxt.exe');
  });

  it('escapes every interpolation of the tagged template unless it is markup we made', () => {
    const title = '" onmouseover="alert(1)';
    const body = '<script>alert(1)</script>';
    const nested = html`<b>${body}</b>`;
    expect(html`<p title="${title}">${body}${nested}${raw('&nbsp;')}</p>`.markup).toBe(
      '<p title="&quot; onmouseover=&quot;alert(1)">&lt;script&gt;alert(1)&lt;/script&gt;<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>&nbsp;</p>',
    );
  });

  it('joins arrays and leaves out null, undefined and false', () => {
    expect(html`<ul>${['<1>', html`<li>2</li>`]}${null}${undefined}${false}${0}</ul>`.markup).toBe(
      '<ul>&lt;1&gt;<li>2</li>0</ul>',
    );
  });

  it('accepts only absolute http and https URLs as links', () => {
    expect(safeHttpUrl('https://fernhillbikes.example/reviews/1?a=1&b=2')).toBe(
      'https://fernhillbikes.example/reviews/1?a=1&b=2',
    );
    expect(safeHttpUrl('http://news.example/a b')).toBe('http://news.example/a%20b');
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '//evil.example/',
      '/relative/path',
      'mailto:someone@example.com',
      'https://user:secret@evil.example/',
      '',
      null,
    ]) {
      expect(safeHttpUrl(url), String(url)).toBeNull();
    }
  });
});
