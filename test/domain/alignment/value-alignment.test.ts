// Per-value figures and statuses: the week's customer mentions against the promise.
import { describe, expect, it } from 'vitest';
import { computeAlignment } from '#domain/alignment/index';
import { netInterval, zFor } from '#domain/alignment/statistics';
import type { ProfileInput } from '#domain/profile';
import { at, inputOf, mention, mentions, PRICING, profileWith, REPAIRS, weeksOf } from './builders';

const weeks = weeksOf(44, 47);
const week = '2026-W47';

function alignmentOf(list: ReturnType<typeof mentions>, values: ProfileInput['values'] = [REPAIRS]) {
  const report = computeAlignment(inputOf({ profile: profileWith(values), weeks, mentions: list }));
  return { report, value: report.values[0] };
}

describe('a value’s week', () => {
  it('counts customer mentions by channel and leaves the brand’s own statements out', () => {
    const { value } = alignmentOf([
      ...mentions('free-repairs', week, { POSITIVE: 6, NEGATIVE: 1 }, 'review'),
      ...mentions('free-repairs', week, { POSITIVE: 2, NEUTRAL: 1 }, 'social'),
      ...mentions('free-repairs', week, { POSITIVE: 3 }, 'stance'),
    ]);
    expect(value?.mentions).toBe(10);
    expect(value?.net).toBeCloseTo((8 - 1) / 10, 10);
    expect(value?.channels.map((channel) => [channel.channel, channel.mentions])).toEqual([
      ['news', 0],
      ['review', 7],
      ['social', 3],
    ]);
    expect(value?.stanceEmphasis.week).toEqual({ statements: 3, mentioning: 3, share: 1 });
  });

  it('counts only the channels a value declares', () => {
    const { value } = alignmentOf(
      [
        ...mentions('free-repairs', week, { POSITIVE: 10 }, 'review'),
        ...mentions('free-repairs', week, { NEGATIVE: 4 }, 'news'),
      ],
      [{ ...REPAIRS, channels: ['review', 'social'] }],
    );
    expect(value?.mentions).toBe(10);
    expect(value?.channels.map((channel) => channel.channel)).toEqual(['review', 'social']);
  });

  it('is delivered at or above the promise', () => {
    const { value } = alignmentOf(mentions('free-repairs', week, { POSITIVE: 7, NEGATIVE: 2, NEUTRAL: 1 }));
    expect(value).toMatchObject({
      status: 'delivered',
      statusText: 'delivered',
      expectedText: 'net ≥ +0.30',
      expectedNet: 0.3,
    });
    expect(value?.gap).toBeCloseTo(0.2, 10);
    expect(value?.interval?.low).toBeCloseTo(0.014, 3);
  });

  it('is drifting below the promise within the interval, and contradicted beyond it', () => {
    // 5 positive, 3 negative, 2 neutral: net +0.20, upper bound above +0.30
    const drifting = alignmentOf(mentions('free-repairs', week, { POSITIVE: 5, NEGATIVE: 3, NEUTRAL: 2 })).value;
    expect(drifting?.status).toBe('drifting');
    expect(drifting?.interval?.high).toBeGreaterThan(0.3);
    // 2 positive, 7 negative, 1 neutral: net −0.50, upper bound below +0.30
    const contradicted = alignmentOf(mentions('free-repairs', week, { POSITIVE: 2, NEGATIVE: 7, NEUTRAL: 1 })).value;
    expect(contradicted?.status).toBe('contradicted');
    expect(contradicted?.interval?.high).toBeLessThan(0.3);
  });

  it('raises no flag on fewer than minMentions mentions, however bad they are', () => {
    const { report, value } = alignmentOf(mentions('free-repairs', week, { NEGATIVE: 9 }));
    expect(value).toMatchObject({
      status: 'not-enough-evidence',
      statusText: 'not enough evidence (9 of 10 mentions)',
      net: -1,
    });
    expect(value?.interval?.high).toBeLessThan(0.3);
    expect(value?.indexScore).toBeNull();
    expect(report.flags).toEqual([]);
    expect(report.index.value).toBeNull();
  });

  it('has no figures in a week without mentions', () => {
    const { value } = alignmentOf([]);
    expect(value).toMatchObject({ mentions: 0, net: null, interval: null, gap: null, status: 'not-enough-evidence' });
  });

  it('compares the positive share when the profile only sets minPositiveShare, and says so', () => {
    const shareOnly = { ...PRICING, expected: { minPositiveShare: 0.8 } };
    const { value } = alignmentOf(mentions('honest-pricing', week, { POSITIVE: 6, NEGATIVE: 2, NEUTRAL: 2 }), [
      shareOnly,
    ]);
    expect(value).toMatchObject({
      expectedText: 'positive ≥ 80%',
      gapUnit: 'positive-share',
      expectedNet: null,
      status: 'drifting',
    });
    expect(value?.gap).toBeCloseTo(-0.2, 10);
  });

  it('has one trend point per week of the history, oldest first, with the week’s interval', () => {
    const list = [
      ...mentions('free-repairs', '2026-W45', { POSITIVE: 3, NEGATIVE: 1 }),
      ...mentions('free-repairs', week, { POSITIVE: 10 }),
    ];
    const { value } = alignmentOf(list);
    expect(value?.trend.map((point) => [point.week, point.mentions, point.net])).toEqual([
      ['2026-W44', 0, null],
      ['2026-W45', 4, 0.5],
      ['2026-W46', 0, null],
      ['2026-W47', 10, 1],
    ]);
    expect(value?.trend[1]?.interval).toEqual(netInterval({ n: 4, positive: 3, negative: 1 }, zFor(0.9)));
  });

  it('measures how often the brand’s statements stress the value, this week and over 4 weeks', () => {
    const statement = (valueId: string, when: string) =>
      mention({ valueId, label: 'POSITIVE', channel: 'stance', publishedAt: when });
    const list = [
      statement('free-repairs', at(week)),
      statement('honest-pricing', at(week, 3)),
      statement('honest-pricing', at('2026-W45')),
      statement('free-repairs', at('2026-W44')),
      statement('honest-pricing', at('2026-W44', 4)),
    ];
    const { value } = alignmentOf(list, [REPAIRS, PRICING]);
    expect(value?.stanceEmphasis.week).toEqual({ statements: 2, mentioning: 1, share: 0.5 });
    expect(value?.stanceEmphasis.trailing).toEqual({ statements: 5, mentioning: 2, share: 0.4 });
  });

  it('refuses weeks that do not end with the reported week or are not consecutive', () => {
    const profile = profileWith([REPAIRS]);
    expect(() => computeAlignment(inputOf({ profile, weeks: ['2026-W45', '2026-W46'], week }))).toThrow(
      /must end with the reported week/,
    );
    expect(() => computeAlignment(inputOf({ profile, weeks: ['2026-W45', '2026-W47'] }))).toThrow(/consecutive/);
  });
});
