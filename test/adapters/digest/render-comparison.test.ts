import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { COMPARISON_CHART_COLOURS, entityColour } from '#adapters/digest/comparison-chart';
import { renderDigestHtml } from '#adapters/digest/render-html';
import { renderDigestText } from '#adapters/digest/render-text';
import type { ComparisonSection, DigestModel } from '#domain/digest-model';
import {
  ATTRIBUTE_BREAKOUT,
  hostileDigestModel,
  IMG_ONERROR,
  SCRIPT,
  SINGLE_QUOTE_BREAKOUT,
} from '#test/fixtures/digest/hostile-model';
import { hostileComparison, sampleComparison, silenceValue } from '#test/fixtures/digest/sample-comparison';
import { sampleDigestModel, sampleDigestModelWith } from '#test/fixtures/digest/sample-model';
import { byName, inspectHtml, schemeOf } from '#test/support/html-inspect';

function compared(patch: (section: ComparisonSection) => void = () => {}): DigestModel {
  return sampleDigestModelWith((model) => {
    model.comparison = sampleComparison();
    patch(model.comparison);
  });
}

/** The visible text from "How you compare" to the next section. */
function htmlSection(markup: string): string {
  const text = inspectHtml(markup).text;
  const start = text.indexOf('How you compare');
  return start < 0 ? '' : text.slice(start, text.indexOf('What customers talk about that you did not declare'));
}

function textSection(text: string): string {
  const start = text.indexOf('HOW YOU COMPARE');
  return start < 0 ? '' : text.slice(start, text.indexOf('WHAT CUSTOMERS TALK ABOUT THAT YOU DID NOT DECLARE'));
}

/** The rows of the innermost tables: each row's cells' text, spaces folded. */
function tableRows(markup: string): string[][] {
  const document = parseDocument(markup);
  return DomUtils.getElementsByTagName('tr', document)
    .filter((row) => DomUtils.getElementsByTagName('table', row).length === 0)
    .map((row) =>
      DomUtils.getChildren(row)
        .filter((cell) => DomUtils.isTag(cell) && cell.name === 'td')
        .map((cell) => DomUtils.textContent(cell).replace(/\s+/g, ' ').trim()),
    )
    .filter((cells) => cells.length >= 4);
}

/** The colour of the key square before `name` in the comparison's tables. */
function keyColours(markup: string, name: string): string[] {
  const document = parseDocument(markup);
  return DomUtils.getElementsByTagName('td', document)
    .filter(
      (cell) =>
        DomUtils.getElementsByTagName('table', cell).length === 0 &&
        DomUtils.textContent(cell).replace(/\s+/g, ' ').startsWith(`■ ${name}`),
    )
    .map((cell) => {
      const key = DomUtils.getElementsByTagName('span', cell)[0];
      return /color:(#[0-9a-f]{6})/.exec(key?.attribs.style ?? '')?.[1] ?? '';
    });
}

describe('the digest without competitors', () => {
  it('has no "How you compare" section in the HTML or the text, and no comparison chart', () => {
    const model = sampleDigestModel();
    expect(model.comparison).toBeNull();
    const markup = renderDigestHtml(model);
    expect(markup).not.toContain('How you compare');
    expect(markup).not.toContain('cid:compare-');
    expect(renderDigestText(model)).not.toContain('HOW YOU COMPARE');
  });
});

describe('"How you compare" in the HTML digest', () => {
  const model = compared();
  const markup = renderDigestHtml(model);
  const page = inspectHtml(markup);
  const section = htmlSection(markup);

  it('comes after the other flags and before the undeclared themes', () => {
    const at = (needle: string) => page.text.indexOf(needle);
    expect(at('Also flagged')).toBeLessThan(at('How you compare'));
    expect(at('How you compare')).toBeLessThan(at('What customers talk about that you did not declare'));
    expect(section).toContain('Fernhill Bikes against Cobalt Cycles and Alderway Bikes on your declared values');
  });

  it('reads findings, values, share of voice, units, then the rule', () => {
    const order = [
      'Cobalt Cycles ahead of you on “Free repairs for life”',
      'Losing share of voice on social: 33%, down from 48%',
      'You lead Alderway Bikes on “Expert help, in store and online”',
      'On your values',
      'Share of voice',
      'What benchmarking costs',
      'Competitors are measured on your declared values',
    ].map((needle) => {
      const at = section.indexOf(needle);
      expect(at, `"${needle}" is shown`).toBeGreaterThanOrEqual(0);
      return at;
    });
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows each finding with its explanation and its quotes, each saying whom it is about', () => {
    const comparison = model.comparison!;
    for (const finding of comparison.findings) {
      expect(section).toContain(finding.title);
      expect(section).toContain(finding.explanation);
    }
    expect(section).toContain('Competitor ahead');
    expect(section).toContain(
      'Cobalt Cycles: “Took my Quill back to the Stockport workshop for the third time and again they fixed it free, no questions.”',
    );
    expect(section).toContain(
      'Fernhill Bikes: “They charged me £45 labour on a repair that is supposed to be free for life.”',
    );
    expect(section).toContain('Alderway Bikes: “Alderway York sorted my gears in ten minutes. Friendly lot.”');
    expect(section).toContain('Dan W. · Reviews, cobalt-reviews · 19 Nov 2026 · rated 5/5');
  });

  it('links each quote to its source in a new tab, as the divergences’ quotes', () => {
    const links = byName(page, 'a');
    const hrefs = links.map((link) => link.attribs.href);
    for (const item of model.comparison!.findings.flatMap((finding) => finding.evidence))
      expect(hrefs).toContain(item.url);
    for (const link of links) {
      expect(link.attribs.target).toBe('_blank');
      expect(link.attribs.rel).toBe('noopener noreferrer');
    }
  });

  it('tabulates each value: the brand, then each competitor, with net, interval, mentions and standing', () => {
    const rows = tableRows(markup);
    expect(rows).toContainEqual(['■ Fernhill Bikes (you)', '−0.85−0.95 to −0.66', '20', '—']);
    expect(rows).toContainEqual([
      '■ Cobalt Cycles',
      '+0.62+0.41 to +0.78',
      '24',
      'ahead by +1.47 · above you 3 weeks running',
    ]);
    expect(rows).toContainEqual([
      '■ Alderway Bikes',
      '+0.10−0.35 to +0.52',
      '8',
      'not enough evidence (8 of 10 mentions)',
    ]);
    expect(rows).toContainEqual(['■ Cobalt Cycles', '+0.12−0.10 to +0.33', '26', 'level · above you 2 weeks running']);
    expect(rows).toContainEqual(['■ Alderway Bikes', '−0.45−0.66 to −0.20', '14', 'behind by 0.49']);
    expect(rows).toContainEqual(['■ Alderway Bikes', '—', '0', 'not enough evidence (0 of 10 mentions)']);
  });

  it('says when the brand’s own mentions are too few to judge, with the minimum from the method', () => {
    const fewer = compared((section) => {
      const cobalt = section.competitors[0]!.values.find((value) => value.valueId === 'sustainability')!;
      cobalt.mentions = 30;
    });
    expect(htmlSection(renderDigestHtml(fewer))).toContain('not enough evidence (yours: 6 of 10 mentions)');
    const stricter = renderDigestHtml(
      sampleDigestModelWith((m) => {
        m.comparison = sampleComparison();
        m.method.minMentions = 25;
      }),
    );
    expect(htmlSection(stricter)).toContain('not enough evidence (8 of 25 mentions)');
  });

  it('puts a key in the company’s chart colour before its name in every table, since the chart has no text', () => {
    for (const [name, position] of [
      ['Fernhill Bikes', 0],
      ['Cobalt Cycles', 1],
      ['Alderway Bikes', 2],
    ] as const) {
      const colours = keyColours(markup, name);
      // one row a value, one in the share of voice
      expect(colours).toHaveLength(6);
      expect(new Set(colours)).toEqual(new Set([entityColour(position).hex]));
    }
    expect(keyColours(markup, 'Fernhill Bikes')[0]).toBe(COMPARISON_CHART_COLOURS.brand.hex);
  });

  it('shows each value’s comparison chart as a cid: image with a size and alt text', () => {
    const images = byName(page, 'img').filter((image) => image.attribs.src?.startsWith('cid:compare-'));
    expect(images.map((image) => image.attribs.src)).toEqual(
      ['free-repairs', 'sustainability', 'expert-help', 'honest-pricing', 'ready-to-ride'].map(
        (id) => `cid:compare-${id}`,
      ),
    );
    for (const image of images) {
      expect(image.attribs.width).toBe('240');
      expect(image.attribs.height).toBe('96');
      expect(image.attribs.alt).toMatch(
        /^Net sentiment on .+ per week, 9 weeks 2026-W39 to 2026-W47, one line each; this week: Fernhill Bikes \(blue\)/,
      );
      expect(image.attribs.style).toMatch(/max-width:240px/);
    }
  });

  it('points the comparison charts elsewhere when asked, for the file that opens in a browser', () => {
    const other = inspectHtml(renderDigestHtml(model, { comparisonImageSrc: (value) => `${value.valueId}.png` }));
    const sources = byName(other, 'img').map((image) => image.attribs.src);
    expect(sources).toContain('free-repairs.png');
    expect(sources).toContain(`cid:${model.values[0]!.chartId}`);
  });

  it('leaves out a value nobody was mentioned on in any week', () => {
    const quiet = compared((section) => silenceValue(section, 'ready-to-ride'));
    const markup = renderDigestHtml(quiet);
    expect(markup).not.toContain('cid:compare-ready-to-ride');
    expect(htmlSection(markup)).not.toContain('Delivered ready to ride');
    expect(htmlSection(markup)).toContain('Honest prices, no surprises');
  });

  it('shows share of voice per channel and company, and the brand’s share of the negative and positive voice with its trend', () => {
    const rows = tableRows(markup);
    expect(rows).toContainEqual(['■ Fernhill Bikes (you)', '60%9 signals', '39%27 signals', '36%27 signals']);
    expect(rows).toContainEqual(['■ Cobalt Cycles', '27%4 signals', '44%31 signals', '53%40 signals']);
    expect(rows).toContainEqual(['■ Alderway Bikes', '13%2 signals', '17%12 signals', '12%9 signals']);
    expect(section).toContain(
      'Social: your share 36% (90% CI 27% to 45%); 63% of the negative voice, 18% of the positive▼ falling: 33% over the last 3 weeks, down from 48% before; by week 49, 47, 50, 46, 48, 47, 31, 32, 36%',
    );
    expect(section).toContain(
      '■ steady: 40% over the last 3 weeks against 43% before; by week 44, 42, 43, 45, 42, 41, 40, 41, 39%',
    );
  });

  it('says what the competitors cost in Comprehend units, and prints the rule in small print', () => {
    expect(section).toContain(
      "Amazon Comprehend this week: Fernhill Bikes 1,184 units, Cobalt Cycles 412 and Alderway Bikes 163 (estimated, not billed). The competitors' 575 units are what benchmarking costs.",
    );
    const billed = htmlSection(
      renderDigestHtml(
        sampleDigestModelWith((m) => {
          m.comparison = sampleComparison();
          m.coverage.comprehendUnitsEstimated = false;
        }),
      ),
    );
    expect(billed).toContain('Alderway Bikes 163. The competitors');
    expect(markup).toMatch(
      /font-size:12px;line-height:18px;color:#868b90;[^"]*">Competitors are measured on your declared values/,
    );
  });

  it('shows three findings with their quotes and the rest without, and says so when there is none', () => {
    const more = compared((section) => {
      section.findings.push({
        kind: 'brand-leads',
        valueId: 'honest-pricing',
        channel: null,
        title: 'You lead Cobalt Cycles on “Honest prices, no surprises”',
        explanation: 'A fourth finding.',
        evidence: [{ ...section.findings[0]!.evidence[0]!, quote: 'A quote only the fourth finding has.' }],
      });
    });
    const text = htmlSection(renderDigestHtml(more));
    expect(text).toContain('You lead Cobalt Cycles on “Honest prices, no surprises”');
    expect(text).not.toContain('A quote only the fourth finding has.');
    const none = htmlSection(renderDigestHtml(compared((section) => (section.findings = []))));
    expect(none).toContain('No competitor is ahead of you or behind you on a value beyond the margin of error');
  });

  it('keeps every table and image within the 640px column', () => {
    for (const element of page.elements) {
      for (const match of (element.attribs.style ?? '').matchAll(/(?:^|;)\s*(?:min-|max-)?width:\s*(\d+)px/g))
        expect(Number(match[1])).toBeLessThanOrEqual(640);
      if (element.name === 'table' && element.attribs.width && element.attribs.width !== '100%')
        expect(Number(element.attribs.width)).toBeLessThanOrEqual(640);
    }
  });
});

describe('"How you compare" with hostile text', () => {
  const model = hostileDigestModel();
  model.comparison = hostileComparison();
  const markup = renderDigestHtml(model);
  const page = inspectHtml(markup);

  it('escapes names, titles, quotes and labels in the HTML: no element, attribute or handler of theirs', () => {
    expect(markup).not.toContain('<img src=x');
    expect(markup).not.toContain('<script');
    expect(markup).not.toContain('" onmouseover="');
    expect(markup).not.toContain("' onfocus='");
    for (const element of page.elements) {
      for (const name of Object.keys(element.attribs)) expect(name, `<${element.name} ${name}>`).not.toMatch(/^on/i);
    }
    const images = byName(page, 'img');
    expect(images).toHaveLength(model.values.length + 5);
    for (const image of images)
      expect(Object.keys(image.attribs).sort()).toEqual(['alt', 'height', 'src', 'style', 'width']);
    expect(images.find((image) => image.attribs.src === 'cid:compare-free-repairs')?.attribs.alt).toContain(
      `Cobalt ${IMG_ONERROR} (amber)`,
    );
  });

  it('shows the hostile text literally, as text', () => {
    const section = htmlSection(markup);
    expect(section).toContain(`Fernhill Bikes against Cobalt ${IMG_ONERROR} and Alderway Bikes`);
    expect(section).toContain(`Cobalt ${IMG_ONERROR}: “Took my Quill back`);
    expect(section).toContain(`ahead of you on “Free repairs for life” ${SCRIPT}`);
    expect(section).toContain(`Lifetime servicing that actually means it ${ATTRIBUTE_BREAKOUT}`);
    expect(section).toContain(`Free repairs for life ${SINGLE_QUOTE_BREAKOUT}`);
    expect(markup).toContain('Cobalt &lt;img src=x onerror=alert(1)&gt;');
  });

  it('links only to http(s) sources', () => {
    for (const element of page.elements) {
      for (const attribute of ['href', 'src']) {
        const value = element.attribs[attribute];
        if (value !== undefined) expect(['http', 'https', 'cid']).toContain(schemeOf(value));
      }
    }
    expect(markup).not.toMatch(/javascript:|vbscript:|data:text/i);
  });

  it('shows it as written and inert in the text part, with no URL that is not http(s)', () => {
    const text = renderDigestText(model);
    const section = textSection(text).replace(/\s+/g, ' ');
    expect(section).toContain(`Fernhill Bikes against Cobalt ${IMG_ONERROR} and Alderway Bikes`);
    expect(section).toContain(`Cobalt ${IMG_ONERROR}: “Took my Quill back`);
    expect(section).toContain(`${SCRIPT}Dan W.`);
    expect(textSection(text)).not.toMatch(/javascript:|vbscript:|data:text|evil\.example/i);
  });
});

describe('"How you compare" in the plain-text digest', () => {
  const model = compared();
  const text = renderDigestText(model);
  const section = textSection(text);
  const flat = section.replace(/\s+/g, ' ');

  it('comes after the other flags and before the undeclared themes', () => {
    expect(text.indexOf('ALSO FLAGGED')).toBeLessThan(text.indexOf('HOW YOU COMPARE'));
    expect(section).toContain(
      `HOW YOU COMPARE\n${'-'.repeat(78)}\nFernhill Bikes against Cobalt Cycles and Alderway Bikes`,
    );
  });

  it('numbers the findings and gives their quotes with whom they are about and their full URLs', () => {
    expect(section).toContain(
      '1. Cobalt Cycles ahead of you on “Free repairs for life”\n   [Competitor ahead] Cobalt Cycles net +0.62',
    );
    expect(section).toContain('   Cobalt Cycles: “Took my Quill back to the Stockport workshop for the third\n');
    expect(section).toContain('     — Dan W. · Reviews, cobalt-reviews · 19 Nov 2026 · rated 5/5\n');
    expect(section).toMatch(/^ {5}https:\/\/ratewise\.example\/cobalt-cycles\/reviews\/55102$/m);
    expect(section).toContain('2. Losing share of voice on social: 33%, down from 48%');
    expect(flat).toContain('Alderway Bikes: “Alderway York sorted my gears in ten minutes. Friendly lot.”');
  });

  it('lists each value with the brand and each competitor and their standing', () => {
    expect(section).toContain(
      [
        '* Free repairs for life',
        '  Fernhill Bikes (you)  −0.85 (−0.95 to −0.66), 20 mentions',
        '  Cobalt Cycles         +0.62 (+0.41 to +0.78), 24 mentions',
        '                        ahead by +1.47 · above you 3 weeks running',
        '  Alderway Bikes        +0.10 (−0.35 to +0.52), 8 mentions',
        '                        not enough evidence (8 of 10 mentions)',
      ].join('\n'),
    );
    expect(section).toContain('  Alderway Bikes        no mentions this week\n');
  });

  it('gives share of voice per channel with the brand’s shares and trend, the units and the rule', () => {
    expect(section).toContain(
      [
        '  Social    Fernhill Bikes 36% (27 signals) · Cobalt Cycles 53% (40 signals) ·',
        '            Alderway Bikes 12% (9 signals)',
        '            your share 36% (90% CI 27% to 45%); 63% of the negative voice, 18%',
        '            of the positive',
        '            ▼ falling: 33% over the last 3 weeks, down from 48% before; by',
        '            week 49, 47, 50, 46, 48, 47, 31, 32, 36%',
      ].join('\n'),
    );
    expect(flat).toContain("The competitors' 575 units are what benchmarking costs.");
    expect(flat).toContain(model.comparison!.rule);
  });

  it('keeps lines within 78 characters and contains no markup', () => {
    for (const line of section.split('\n')) {
      if (line.length > 78) expect(line.trim(), line).toMatch(/^\S+$/);
    }
    expect(section).not.toMatch(/<[a-z/!]/i);
    expect(section).not.toMatch(/&[a-z]+;/i);
  });

  it('gives a long company name a line of its own', () => {
    const long = renderDigestText(
      compared((section) => (section.competitors[0]!.name = 'Cobalt Cycles and Outdoor Adventure Cooperative')),
    );
    expect(textSection(long)).toContain(
      '  Cobalt Cycles and Outdoor Adventure Cooperative\n                        +0.62 (+0.41 to +0.78), 24 mentions\n',
    );
  });
});
