import { describe, expect, it } from 'vitest';
import { renderDigestHtml } from '#adapters/digest/render-html';
import { hostileDigestModel, HOSTILE_SNIPPETS, IMG_ONERROR, SCRIPT } from '#test/fixtures/digest/hostile-model';
import {
  sampleDigestModel,
  sampleDigestModelWith,
  sampleDigestModelWithBursts,
} from '#test/fixtures/digest/sample-model';
import { sampleComparison } from '#test/fixtures/digest/sample-comparison';
import { byName, inspectHtml, schemeOf } from '#test/support/html-inspect';

function positions(text: string, needles: string[]): number[] {
  return needles.map((needle) => {
    const at = text.indexOf(needle);
    expect(at, `"${needle}" is shown`).toBeGreaterThanOrEqual(0);
    return at;
  });
}

describe('the HTML digest', () => {
  const model = sampleDigestModel();
  const markup = renderDigestHtml(model);
  const page = inspectHtml(markup);

  it('reads top to bottom: header, index, headline, values, divergences, other flags, coverage, method', () => {
    // The <title> and the hidden preview line repeat the subject and headline before the body.
    const body = page.text.slice(page.text.indexOf('Congruence · weekly alignment digest'));
    const order = positions(body, [
      'Fernhill Bikes',
      '16–22 November 2026',
      'Brand Alignment Index',
      '58',
      '“Free repairs for life” contradicted in reviews',
      'Free repairs for life',
      'Delivered ready to ride',
      'What needs attention',
      'Also flagged',
      'Ride app 3.0',
      'What customers talk about that you did not declare',
      'What we read',
      'How these numbers are made',
      'Weighted mean over the values',
    ]);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('gives the index’s change a sign, an arrow and words, not only a colour', () => {
    expect(page.text).toContain('▼ −9 points from last week');
    const up = inspectHtml(renderDigestHtml(sampleDigestModelWith((m) => (m.index.change = 3.2)))).text;
    expect(up).toContain('▲ +3 points from last week');
    const first = inspectHtml(renderDigestHtml(sampleDigestModelWith((m) => (m.index.change = null)))).text;
    expect(first).toContain('first week measured');
  });

  it('marks a partial week beside its dates and states no change for it', () => {
    const partial = sampleDigestModelWith((m) => {
      m.period = { coveredDays: 2, partial: true, signals: 40 };
      m.index.change = null;
    });
    const text = inspectHtml(renderDigestHtml(partial)).text;
    expect(text).toContain('16–22 November 2026 · 2026-W47 · partial: 2 of 7 days');
    expect(text).toContain('no change stated: partial week');
    expect(text).not.toContain('first week measured');
    expect(page.text).not.toContain('partial');
  });

  it('says so when no value had enough evidence for an index', () => {
    const text = inspectHtml(
      renderDigestHtml(sampleDigestModelWith((m) => (m.index = { value: null, change: null }))),
    ).text;
    expect(text).toContain('n/a');
    expect(text).toContain('No value had enough evidence this week');
  });

  it('shows every value with its promise, status, delivered net and interval, expectation, gap and channels', () => {
    expect(page.text).toContain('5 values: 1 contradicted · 1 drifting · 2 delivered · 1 without enough evidence');
    for (const row of model.values) expect(page.text).toContain(row.label);
    for (const row of model.values) expect(page.text).toContain(row.promise);
    expect(page.text).toContain('✕ Contradicted');
    expect(page.text).toContain('contradicted in reviews and on social');
    expect(page.text).toContain('−0.85');
    expect(page.text).toContain('90% CI −0.95 to −0.66 · 20 mentions');
    expect(page.text).toContain('net ≥ +0.30');
    expect(page.text).toContain('−1.15');
    expect(page.text).toContain('Reviews −0.87 · 15');
    expect(page.text).toContain('… Not enough evidence');
    expect(page.text).toContain('not enough evidence (6 of 10 mentions)');
    expect(page.text).toContain('gap not judged');
    expect(page.text.match(/✓ Delivered/g)).toHaveLength(2);
    expect(page.text).toContain('↘ Drifting');
  });

  it('shows each value’s trend chart as a cid: image with a size and alt text', () => {
    const images = byName(page, 'img');
    expect(images.map((image) => image.attribs.src)).toEqual(model.values.map((row) => `cid:${row.chartId}`));
    for (const image of images) {
      expect(image.attribs.width).toBe('240');
      expect(image.attribs.height).toBe('64');
      expect(image.attribs.alt).toMatch(/^Net sentiment for .+, 9 weeks 2026-W39 to 2026-W47: /);
    }
  });

  it('points the charts elsewhere when asked, for the file that opens in a browser', () => {
    const images = byName(inspectHtml(renderDigestHtml(model, { imageSrc: (row) => `${row.id}.png` })), 'img');
    expect(images.map((image) => image.attribs.src)).toEqual(model.values.map((row) => `${row.id}.png`));
  });

  it('shows the first three divergences in full with up to three quotes, and the rest compactly', () => {
    const [first, second, third, fourth, fifth, sixth] = model.divergences;
    const fullSection = page.text.slice(page.text.indexOf('What needs attention'), page.text.indexOf('Also flagged'));
    const otherSection = page.text.slice(page.text.indexOf('Also flagged'), page.text.indexOf('What we read'));
    for (const divergence of [first, second, third]) {
      expect(fullSection).toContain(divergence!.title);
      expect(fullSection).toContain(divergence!.explanation);
      for (const item of divergence!.evidence) expect(fullSection).toContain(`“${item.quote}”`);
    }
    expect(fullSection).toContain('Priya S. · Reviews, shop-reviews · 18 Nov 2026 · rated 2/5');
    for (const divergence of [fourth, fifth, sixth]) {
      expect(otherSection).toContain(divergence!.title);
      expect(fullSection).not.toContain(divergence!.title);
    }
    expect(otherSection).toContain('Emerging topic');
  });

  it('names the five most severe of a kind under "Also flagged", counts the rest, and stays small enough not to be clipped', () => {
    const many = renderDigestHtml(sampleDigestModelWithBursts(338));
    const text = inspectHtml(many).text;
    const section = text.slice(text.indexOf('Also flagged'), text.indexOf('What we read'));
    expect(section.match(/Burst of reviews/g)).toHaveLength(5);
    expect(section).toContain('(burst 5)');
    expect(section).not.toContain('(burst 6)');
    expect(section).toContain(
      '…and 333 more bursts of near-identical top-rated reviews, each less severe than those above.',
    );
    // Gmail clips a message's HTML beyond 102 KB; 338 bursts in full made 520 KB
    expect(Buffer.byteLength(many)).toBeLessThan(Buffer.byteLength(markup) + 20_000);
  });

  it('links each quote to its source in a new tab without passing the digest on', () => {
    const links = byName(page, 'a');
    const flagged = model.divergences.flatMap((divergence, index) =>
      index < 3 ? divergence.evidence : divergence.evidence.slice(0, 1),
    );
    const themes = [...model.undeclared.negative, ...model.undeclared.positive].flatMap((theme) => theme.evidence);
    const urls = [...flagged, ...themes].map((item) => item.url);
    expect(links.map((link) => link.attribs.href)).toEqual(urls);
    for (const link of links) {
      expect(link.attribs.target).toBe('_blank');
      expect(link.attribs.rel).toBe('noopener noreferrer');
    }
  });

  it('says under a quote matched to its value by meaning which words made the match, and under no other', () => {
    expect(page.text).toContain('Matched by meaning: “technician” ≈ mechanic (0.67)');
    expect(page.text.match(/Matched by meaning/g)).toHaveLength(1);
  });

  it('reports sources with their outcome and error, signals by channel, off-brand items and Comprehend units', () => {
    expect(page.text).toContain('social-mentions Social');
    expect(page.text).toContain('failed');
    expect(page.text).toContain('HTTP 503 from https://social.example/feeds/fernhill.rdf; will retry next run');
    expect(page.text).toContain('65 signals published this week: news 9 · reviews 27 · social 27 · stance 2');
    expect(page.text).toContain('37 items set aside as not about Fernhill Bikes (all time)');
    const withCompetitors = inspectHtml(
      renderDigestHtml(sampleDigestModelWith((model) => (model.comparison = sampleComparison()))),
    );
    expect(withCompetitors.text).toContain('37 items set aside as not about Fernhill Bikes or its competitors');
    expect(page.text).toContain('local (wink-nlp 2.4)');
    expect(page.text).toContain('about 1,184 units (estimated, not billed)');
    const billed = inspectHtml(
      renderDigestHtml(sampleDigestModelWith((m) => (m.coverage.comprehendUnitsEstimated = false))),
    ).text;
    expect(billed).toContain('1,184 units billed');
  });

  it('is a mail-client e-mail: no scripts, no style sheets, no external resources, no web fonts', () => {
    for (const name of ['script', 'style', 'link', 'iframe', 'object', 'embed', 'form', 'svg', 'base'])
      expect(byName(page, name), name).toEqual([]);
    expect(markup).not.toMatch(/@import|@font-face|url\(/i);
    const styled = page.elements.filter((element) => element.attribs.style !== undefined);
    expect(styled.length).toBeGreaterThan(50);
    expect(
      page.elements.find((element) => element.name === 'meta' && element.attribs.name === 'viewport'),
    ).toBeDefined();
  });

  it('fits one column of at most 640px: tables and images have bounded widths', () => {
    const tables = byName(page, 'table');
    for (const table of tables) {
      const width = table.attribs.width;
      if (width && width !== '100%') expect(Number(width)).toBeLessThanOrEqual(640);
      for (const match of (table.attribs.style ?? '').matchAll(/(?:^|;)\s*width:\s*(\d+)px/g))
        expect(Number(match[1])).toBeLessThanOrEqual(640);
    }
    const fixed = tables.filter((table) => table.attribs.width === '640');
    expect(fixed).toHaveLength(1);
    expect(fixed[0]!.attribs.style).toMatch(/max-width:640px/);
    for (const image of byName(page, 'img')) {
      expect(Number(image.attribs.width)).toBeLessThanOrEqual(600);
      expect(image.attribs.style).toMatch(/max-width:\d+px/);
      expect(image.attribs.style).toMatch(/height:auto/);
    }
    for (const element of page.elements) {
      for (const match of (element.attribs.style ?? '').matchAll(/(?:^|;)\s*(?:min-)?width:\s*(\d+)px/g))
        expect(Number(match[1])).toBeLessThanOrEqual(640);
    }
  });
});

describe('the HTML digest’s undeclared themes', () => {
  const section = (text: string) =>
    text.slice(text.indexOf('What customers talk about that you did not declare'), text.indexOf('What we read'));

  it('shows complaints, then praise, each theme with its figures and quotes', () => {
    const text = section(inspectHtml(renderDigestHtml(sampleDigestModel())).text);
    expect(text).toContain('Themes of 26 Oct–22 Nov that no declared value covers');
    const order = positions(text, [
      'Complaints',
      'booking slot',
      '14 reviews and posts, 13 authors · 79% negative (90% CI 58% to 91%) · steady: 3, 4, 3, 4 a week',
      '“The first booking slot for a service was three weeks away.”',
      'Praise',
      'café',
      'rising: 1, 1, 4, 6 a week',
      'Key phrases in at least 10 reviews',
    ]);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('leaves out a side without themes', () => {
    const text = section(
      inspectHtml(renderDigestHtml(sampleDigestModelWith((m) => (m.undeclared.positive = [])))).text,
    );
    expect(text).toContain('Complaints');
    expect(text).not.toContain('Praise');
  });

  it('says in one line that nothing else came up when there is no theme', () => {
    const none = sampleDigestModelWith((m) => {
      m.undeclared.negative = [];
      m.undeclared.positive = [];
    });
    const text = section(inspectHtml(renderDigestHtml(none)).text);
    expect(text).toContain('Nothing else came up often enough');
    expect(text).not.toContain('Complaints');
    expect(text).not.toContain('Key phrases in at least');
  });
});

describe('the HTML digest with hostile feed text', () => {
  const model = hostileDigestModel();
  const markup = renderDigestHtml(model);
  const page = inspectHtml(markup);

  it('contains no script element and no event-handler attribute', () => {
    expect(byName(page, 'script')).toEqual([]);
    expect(byName(page, 'style')).toEqual([]);
    for (const element of page.elements) {
      for (const name of Object.keys(element.attribs)) expect(name, `<${element.name} ${name}>`).not.toMatch(/^on/i);
      expect(Object.keys(element.attribs)).not.toContain('autofocus');
    }
    expect(markup).not.toContain('<script');
    expect(markup).not.toContain('<img src=x');
    expect(markup).not.toContain('" onmouseover="');
    expect(markup).not.toContain("' onfocus='");
  });

  it('links only to http(s) sources and never to javascript:, data: or vbscript: URLs', () => {
    for (const element of page.elements) {
      for (const attribute of ['href', 'src', 'action', 'formaction', 'background', 'poster']) {
        const value = element.attribs[attribute];
        if (value === undefined) continue;
        expect(['http', 'https', 'cid'], `${element.name} ${attribute}="${value}"`).toContain(schemeOf(value));
      }
    }
    expect(markup).not.toMatch(/javascript:|vbscript:|data:text/i);
    // Of the eight hostile URLs only https://user:pass@… was http(s), and credentials are refused too.
    expect(byName(page, 'a')).toEqual([]);
  });

  it('shows the hostile text literally, as text', () => {
    for (const snippet of HOSTILE_SNIPPETS) expect(page.text).toContain(snippet);
    expect(page.text).toContain(`Fernhill ${SCRIPT}`);
    expect(page.text).toContain(`${IMG_ONERROR}Priya S.`);
    expect(markup).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps hostile text inside the attribute values it was put in', () => {
    const images = byName(page, 'img');
    expect(images).toHaveLength(model.values.length);
    for (const image of images) {
      expect(Object.keys(image.attribs).sort()).toEqual(['alt', 'height', 'src', 'style', 'width']);
      expect(image.attribs.alt).toMatch(/^Net sentiment for /);
    }
    expect(images[0]!.attribs.alt).toContain(SCRIPT);
  });
});
