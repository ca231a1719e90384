// Stance backlash: the brand states a value, and social mentions of it turn against it in the days after.
import { describe, expect, it } from 'vitest';
import { computeAlignment, type AlignmentReport } from '#domain/alignment/index';
import type { ValueMention } from '#domain/value-mention';
import { at, inputOf, mapOf, mention, profileWith, signal, weeksOf } from './builders';

const weeks = weeksOf(44, 47);
const SUSTAINABILITY = {
  id: 'sustainability',
  label: 'Made to last',
  promise: 'Plastic-free packaging.',
  aspects: ['plastic'],
  expected: { minNetSentiment: 0.1 },
};
// Thursday 12 Nov 09:00 UTC; the 5-day window ends Tuesday 17 Nov 09:00, inside the reported week W47
const statementAt = at('2026-W46', 3, 9);
const statement = signal({
  channel: 'stance',
  publishedAt: statementAt,
  title: 'Our pledge',
  text: 'We pledge plastic-free packaging.',
});

function social(count: number, label: 'POSITIVE' | 'NEGATIVE', firstAt: string, stepHours = 2): ValueMention[] {
  return Array.from({ length: count }, (_, index) =>
    mention({
      valueId: 'sustainability',
      label,
      channel: 'social',
      publishedAt: new Date(Date.parse(firstAt) + index * stepHours * 3_600_000).toISOString(),
    }),
  );
}

function reportOf(
  list: ValueMention[],
  before = [...social(3, 'POSITIVE', at('2026-W44')), ...social(3, 'POSITIVE', at('2026-W45'))],
): AlignmentReport {
  const stanceMention = mention({
    valueId: 'sustainability',
    label: 'POSITIVE',
    channel: 'stance',
    publishedAt: statementAt,
    signalId: statement.id,
    excerpt: 'We pledge plastic-free packaging.',
  });
  const news = Array.from({ length: 4 }, (_, index) =>
    mention({
      valueId: 'sustainability',
      label: 'NEUTRAL',
      channel: 'news',
      publishedAt: at('2026-W47', 3 + index * 0.5),
    }),
  );
  return computeAlignment(
    inputOf({
      profile: profileWith([SUSTAINABILITY]),
      weeks,
      mentions: [stanceMention, ...news, ...before, ...list],
      signals: mapOf([statement]),
    }),
  );
}

const kinds = (report: AlignmentReport) => report.flags.map((flag) => flag.kind);
// Monday 16 Nov 00:00 UTC, the start of W47, and 09:00 on Tuesday 17 Nov, when the window closes
const w47Start = at('2026-W47', 0, 0);
const windowEnd = at('2026-W47', 1, 9);

describe('a stance backlash', () => {
  it('flags mostly negative social mentions within 5 days of a statement that mentions the value, worse than before it', () => {
    const report = reportOf(social(10, 'NEGATIVE', w47Start));
    expect(kinds(report)).toEqual(['stance-backlash']);
    const [flag] = report.flags;
    expect(flag?.title).toBe('“Made to last”: backlash on social after the 12 Nov statement');
    expect(flag?.explanation).toContain(
      'In the 5 days after the brand’s statement “Our pledge” (12 Nov), 10 social mentions, 10 negative: net −1.00',
    );
    expect(flag?.explanation).toContain('before it, 6 social mentions at net +1.00');
    expect(flag?.evidence[0]).toMatchObject({
      signalId: statement.id,
      channel: 'stance',
      quote: 'We pledge plastic-free packaging.',
    });
    expect(flag?.evidence).toHaveLength(3);
  });

  it('folds the value’s say-do gap into the backlash that explains it, and shows the gap when there is no backlash', () => {
    expect(kinds(reportOf(social(10, 'NEGATIVE', w47Start)))).not.toContain('say-do-gap');
    // the same six posts, starting one hour after the window closed
    const late = reportOf(social(10, 'NEGATIVE', new Date(Date.parse(windowEnd) + 3_600_000).toISOString()));
    expect(kinds(late)).toEqual(['say-do-gap']);
  });

  it('is not raised one social mention short of the minimum mentions in the window', () => {
    // nine in the window, two just after it
    const list = [...social(9, 'NEGATIVE', w47Start), ...social(2, 'NEGATIVE', windowEnd)];
    expect(kinds(reportOf(list))).not.toContain('stance-backlash');
  });

  it('is not raised when social mentions were as negative before the statement', () => {
    const report = reportOf(social(10, 'NEGATIVE', w47Start), social(6, 'NEGATIVE', at('2026-W45', 1)));
    expect(kinds(report)).not.toContain('stance-backlash');
  });
});
