import { describe, expect, it } from 'vitest';
import { renderDigestText, wrap } from '#adapters/digest/render-text';
import { hostileDigestModel, HOSTILE_SNIPPETS } from '#test/fixtures/digest/hostile-model';
import {
  sampleDigestModel,
  sampleDigestModelWith,
  sampleDigestModelWithBursts,
} from '#test/fixtures/digest/sample-model';

describe('the plain-text digest', () => {
  const model = sampleDigestModel();
  const text = renderDigestText(model);
  const lines = text.split('\n');
  // The text with its wrapping undone, for sentences that may span lines.
  const flat = text.replace(/\s+/g, ' ');

  it('states the index with its change and the headline at the top', () => {
    expect(lines.slice(0, 8).join('\n')).toBe(
      [
        'Fernhill Bikes · weekly alignment digest',
        '16–22 November 2026 (2026-W47)',
        '='.repeat(78),
        '',
        'Brand Alignment Index: 58 / 100 · ▼ −9 points from last week',
        '',
        '“Free repairs for life” contradicted in reviews',
        '5 values: 1 contradicted · 1 drifting · 2 delivered · 1 without enough',
      ].join('\n'),
    );
  });

  it('marks a partial week beside its dates and states no change for it', () => {
    const partial = renderDigestText(
      sampleDigestModelWith((m) => {
        m.period = { coveredDays: 2, partial: true, signals: 40 };
        m.index.change = null;
      }),
    ).split('\n');
    expect(partial[1]).toBe('16–22 November 2026 (2026-W47) · partial: 2 of 7 days');
    expect(partial[4]).toBe('Brand Alignment Index: 58 / 100 · • no change stated: partial week');
  });

  it('lists every value with its figures and nine weeks of trend', () => {
    for (const row of model.values) expect(text).toContain(row.label);
    expect(text).toContain('  [Contradicted] Free repairs for life');
    expect(text).toContain('  Delivered   −0.85 (90% CI −0.95 to −0.66, 20 mentions)');
    expect(text).toContain('  Expected    net ≥ +0.30');
    expect(text).toContain('  Gap         −1.15');
    expect(text).toContain('  Channels    Reviews −0.87 (15) · Social −0.80 (5)');
    expect(text).toContain(
      '  Weeks       2026-W39 to 2026-W47\n  Trend       +0.46 +0.46 +0.46 +0.46 +0.46 +0.46 −0.19 −0.61 −0.85\n',
    );
    expect(text).toContain('  Trend       +0.50 — +1.00 — +0.33 +0.50 +0.33 −0.79 −0.67\n');
    expect(text).toContain('  Gap         — (not judged this week)');
  });

  it('gives every divergence its title, and the quotes with their full URLs', () => {
    for (const divergence of model.divergences) expect(flat).toContain(divergence.title);
    for (const divergence of model.divergences.slice(0, 3)) {
      for (const item of divergence.evidence) expect(text).toContain(item.url!);
    }
    expect(text).toContain('   — Priya S. · Reviews, shop-reviews · 18 Nov 2026 · rated 2/5');
    // a quote matched by meaning says which words made the match; one matched by an aspect word does not
    expect(text).toContain('     Matched by meaning: “technician” ≈ mechanic (0.67)');
    expect(text.match(/Matched by meaning/g)).toHaveLength(1);
    expect(text).toMatch(/^ {5}https:\/\/fernhillbikes\.example\/reviews\/10482$/m);
  });

  it('names the five most severe of a kind under "Also flagged" and counts the rest in one line', () => {
    const many = renderDigestText(sampleDigestModelWithBursts(338));
    const section = many.slice(many.indexOf('ALSO FLAGGED'), many.indexOf('WHAT CUSTOMERS TALK ABOUT'));
    for (let burst = 1; burst <= 5; burst++) expect(section).toContain(`(burst ${burst})`);
    expect(section).not.toContain('(burst 6)');
    expect(section.match(/\[Burst of reviews\]/g)).toHaveLength(5);
    expect(section.replace(/\s+/g, ' ')).toContain(
      '…and 333 more bursts of near-identical top-rated reviews, each less severe than those above.',
    );
    // the other kinds keep their flags
    for (const divergence of model.divergences.slice(3))
      expect(section.replace(/\s+/g, ' ')).toContain(divergence.title);
    const one = renderDigestText(sampleDigestModelWithBursts(6)).replace(/\s+/g, ' ');
    expect(one).toContain('…and 1 more burst of near-identical top-rated reviews, less severe than those above.');
    expect(renderDigestText(sampleDigestModelWithBursts(5))).not.toContain('more burst');
  });

  it('lists the undeclared themes after the flags: complaints, then praise, with figures, quotes and URLs', () => {
    const section = text.slice(
      text.indexOf('WHAT CUSTOMERS TALK ABOUT THAT YOU DID NOT DECLARE'),
      text.indexOf('WHAT WE READ'),
    );
    expect(text.indexOf('ALSO FLAGGED')).toBeLessThan(
      text.indexOf('WHAT CUSTOMERS TALK ABOUT THAT YOU DID NOT DECLARE'),
    );
    expect(section).toContain('Themes of 26 Oct–22 Nov that no declared value covers.');
    expect(section).toContain(
      'Complaints:\n\n* booking slot\n  14 reviews and posts, 13 authors · 79% negative (90% CI 58% to 91%) ·',
    );
    expect(section).toContain('  “The first booking slot for a service was three weeks away.”');
    expect(section).toMatch(/^ {4}https:\/\/fernhillbikes\.example\/reviews\/10477$/m);
    expect(section.indexOf('Praise:')).toBeGreaterThan(section.indexOf('booking slot'));
    expect(section).toContain('* café');
  });

  it('says in one line that nothing else came up when there is no undeclared theme', () => {
    const none = renderDigestText(
      sampleDigestModelWith((m) => {
        m.undeclared.negative = [];
        m.undeclared.positive = [];
      }),
    );
    const section = none.slice(
      none.indexOf('WHAT CUSTOMERS TALK ABOUT THAT YOU DID NOT DECLARE'),
      none.indexOf('WHAT WE READ'),
    );
    expect(section).toContain('Nothing else came up often enough');
    expect(section).not.toContain('Complaints:');
  });

  it('reports the coverage, with the failed source’s error', () => {
    expect(text).toMatch(/^ {2}social-mentions +Social +failed +23 Nov 2026$/m);
    expect(flat).toContain('HTTP 503 from https://social.example/feeds/fernhill.rdf; will retry next run');
    expect(text).toContain('65 signals published this week: news 9 · reviews 27 · social 27 · stance 2.');
    expect(flat).toContain('Amazon Comprehend: about 1,184 units (estimated, not billed).');
  });

  it('keeps lines within 78 characters, except for a URL that cannot be broken', () => {
    for (const line of lines) {
      if (line.length > 78) expect(line.trim(), line).toMatch(/^\S+$/);
    }
    expect(lines.filter((line) => line.length > 78)).toEqual([]);
  });

  it('contains no markup', () => {
    expect(text).not.toMatch(/<[a-z/!]/i);
    expect(text).not.toMatch(/&[a-z]+;/i);
  });

  it('wraps at word boundaries and never breaks a long word', () => {
    const url = `https://example.com/${'x'.repeat(90)}`;
    expect(wrap(`see ${url} now`, 20, '  ')).toEqual(['  see', `  ${url}`, '  now']);
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrap('a\r\nb\u2028c', 78)).toEqual(['a b c']);
  });
});

describe('the plain-text digest with hostile feed text', () => {
  const text = renderDigestText(hostileDigestModel());

  it('shows quotes and titles as they were written, as text', () => {
    const flat = text.replace(/\s+/g, ' ');
    for (const snippet of HOSTILE_SNIPPETS) expect(flat).toContain(snippet);
    for (const divergence of hostileDigestModel().divergences)
      expect(flat).toContain(`“${divergence.evidence[0]!.quote}”`);
  });

  it('prints no URL that is not http(s)', () => {
    expect(text).not.toMatch(/javascript:|vbscript:|data:text|evil\.example/i);
  });
});

describe('dates in the digest', () => {
  it('are shown in the digest’s time zone, not in UTC', () => {
    const lateOnSunday = (timeZone: string) =>
      renderDigestText(
        sampleDigestModelWith((model) => {
          model.timeZone = timeZone;
          const first = model.divergences[0]?.evidence[0];
          if (first) first.publishedAt = '2026-11-22T23:30:00.000Z';
        }),
      );
    expect(lateOnSunday('UTC')).toContain('22 Nov 2026');
    expect(lateOnSunday('Asia/Tokyo')).toContain('23 Nov 2026');
    expect(lateOnSunday('Asia/Tokyo')).toMatch(/Generated \d+ \w+ 2026, \d\d:\d\d Asia\/Tokyo by Congruence\./);
  });
});
