import { describe, expect, it } from 'vitest';
import { plainText } from '#domain/plain-text';

describe('plain text from feed HTML', () => {
  it('strips tags, keeps one line per block and decodes entities', () => {
    expect(plainText('<p>The mechanic <b>fixed</b> it&nbsp;fast.</p><p>Fish &amp; chips &#8217;n&#x27; more</p>')).toBe(
      "The mechanic fixed it fast.\nFish & chips ’n' more",
    );
  });

  it('drops the content of script, style and iframe elements entirely', () => {
    expect(plainText('before<script>alert("x")</script><style>p{}</style><iframe>frame</iframe>after')).toBe(
      'beforeafter',
    );
  });

  it('keeps the text of an event-handler element but none of its markup', () => {
    expect(plainText('<img src=x onerror="alert(1)">Nice <a href="javascript:alert(1)">bike</a>')).toBe('Nice bike');
  });

  it('collapses runs of whitespace and removes blank lines', () => {
    expect(plainText('  Delivery was slow   but the staff\n\n\n      were lovely.  ')).toBe(
      'Delivery was slow but the staff\nwere lovely.',
    );
  });

  it('removes control, zero-width and bidi-override characters but keeps emoji and right-to-left text', () => {
    expect(plainText('Great\u0007 bike\u200B \u202Eevil\u202C 🚲 שלום')).toBe('Great bike evil 🚲 שלום');
  });

  it('reads plain text with a stray angle bracket as text', () => {
    expect(plainText('I <3 this bike & a < b')).toBe('I <3 this bike & a < b');
  });

  it('gives an empty string for missing content', () => {
    expect(plainText(undefined)).toBe('');
    expect(plainText('<p> </p>')).toBe('');
  });

  it('ends an unclosed <head> at <body>, keeping the body text', () => {
    expect(plainText('<head><title>Page</title><body><p>Kept text')).toBe('Kept text');
  });

  it('drops an unclosed dropped element to the end, and a self-closed one not at all', () => {
    expect(plainText('<svg/>kept<svg><text>drawn</text>')).toBe('kept');
  });

  // A 10 MB feed can hold a million nested elements. How the time grows with the nesting (with the
  // length, not its square) is measured by `npm run bench` (bench/hostile-input.ts), not here.
  it('reads text nested 100,000 elements deep, with as many stray closing tags', () => {
    const depth = 100_000;
    const html = `${'<div>'.repeat(depth)}deep ${'<span>'.repeat(depth)}text${'</div>'.repeat(depth)}${'</em>'.repeat(depth)}`;
    expect(plainText(html)).toBe('deep text');
  });
});
