import { describe, expect, it } from 'vitest';
import { renderDigestIndexHtml } from '#adapters/digest/render-index';
import { hostileDigestModel, HOSTILE_SNIPPETS } from '#test/fixtures/digest/hostile-model';
import { sampleDigestModelWith } from '#test/fixtures/digest/sample-model';
import { byName, inspectHtml } from '#test/support/html-inspect';

const week = (name: string, change: (model: ReturnType<typeof sampleDigestModelWith>) => void) => ({
  model: sampleDigestModelWith((model) => {
    model.week = name;
    change(model);
  }),
  htmlFile: `fernhill-bikes-${name}.html`,
  textFile: `fernhill-bikes-${name}.txt`,
});

describe('the page linking a range of digests', () => {
  const entries = [
    week('2026-W45', (model) => (model.index = { value: 66.6, change: null })),
    week('2026-W46', () => undefined),
    week('2026-W47', (model) => {
      model.index.change = null;
      model.period = { coveredDays: 2, partial: true, signals: 12 };
    }),
  ];
  const page = inspectHtml(renderDigestIndexHtml('Fernhill Bikes', entries));

  it('has one row per week, oldest first, linking its HTML and text files', () => {
    const hrefs = byName(page, 'a').map((link) => link.attribs.href);
    expect(hrefs).toEqual(entries.flatMap((entry) => [entry.htmlFile, entry.textFile]));
  });

  it('gives each week its index, its change or its partial mark, and its signals', () => {
    expect(page.text).toContain('3 weeks, 2026-W45 to 2026-W47; 1 partial');
    expect(page.text).toMatch(/2026-W45.*67.*first week measured/);
    expect(page.text).toMatch(/2026-W46.*58.*−9 points from last week/);
    expect(page.text).toMatch(/2026-W47.*58.*partial: 2 of 7 days.*12/);
  });

  it('shows hostile feed text in a headline as text', () => {
    const hostile = { model: hostileDigestModel(), htmlFile: 'a.html', textFile: 'a.txt' };
    const markup = renderDigestIndexHtml(hostile.model.brandName, [hostile]);
    const inspected = inspectHtml(markup);
    expect(byName(inspected, 'script')).toEqual([]);
    expect(inspected.text).toContain(hostile.model.headline);
    for (const snippet of HOSTILE_SNIPPETS) expect(markup).not.toContain(snippet);
  });
});
