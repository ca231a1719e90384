// The flags on one value (say-do gap, eroding, inconsistent): each fires on a minimal input built to
// trigger it, and stays quiet on a near miss just under one of its thresholds.
import { describe, expect, it } from 'vitest';
import { computeAlignment, type AlignmentReport } from '#domain/alignment/index';
import { netInterval, zFor } from '#domain/alignment/statistics';
import type { ValueMention } from '#domain/value-mention';
import { inputOf, mentions, profileWith, REPAIRS, weeksOf } from './builders';

const week = '2026-W47';
const z = zFor(0.9);

function reportOf(list: ValueMention[], options: { minNet?: number; weeks?: string[] } = {}): AlignmentReport {
  const value = { ...REPAIRS, expected: { minNetSentiment: options.minNet ?? 0.3 } };
  return computeAlignment(
    inputOf({ profile: profileWith([value]), weeks: options.weeks ?? weeksOf(44, 47), mentions: list }),
  );
}

const kinds = (report: AlignmentReport) => report.flags.map((flag) => flag.kind);

describe('the say-do gap', () => {
  // 2 positive, 6 negative, 2 neutral of 10: net −0.40
  const week10 = () => mentions('free-repairs', week, { POSITIVE: 2, NEGATIVE: 6, NEUTRAL: 2 });
  const upper = netInterval({ n: 10, positive: 2, negative: 6 }, z)?.high ?? Number.NaN;

  it('flags a value whose net is below the promise beyond the interval, naming the worst channel', () => {
    const report = reportOf(week10(), { minNet: upper + 0.005 });
    expect(kinds(report)).toEqual(['say-do-gap']);
    const [flag] = report.flags;
    expect(flag).toMatchObject({ valueId: 'free-repairs', title: '“Free repairs for life” contradicted in reviews' });
    expect(flag?.explanation).toContain('10 customer mentions this week (reviews −0.40 from 10)');
    expect(flag?.explanation).toContain('net −0.40 (90% CI');
    expect(flag?.evidence).toHaveLength(3);
    expect(flag?.evidence.every((item) => item.quote.startsWith('negative words'))).toBe(true);
  });

  it('does not flag when the promise is inside the interval', () => {
    const report = reportOf(week10(), { minNet: upper - 0.005 });
    expect(report.values[0]?.status).toBe('drifting');
    expect(report.flags).toEqual([]);
  });

  it('does not flag one mention short of minMentions', () => {
    const report = reportOf(mentions('free-repairs', week, { POSITIVE: 1, NEGATIVE: 6, NEUTRAL: 2 }));
    expect(report.values[0]?.status).toBe('not-enough-evidence');
    expect(report.flags).toEqual([]);
  });

  it('says it is contradicted across channels when no channel alone has enough mentions', () => {
    const list = [
      ...mentions('free-repairs', week, { NEGATIVE: 4 }, 'review'),
      ...mentions('free-repairs', week, { NEGATIVE: 4 }, 'social'),
      ...mentions('free-repairs', week, { NEGATIVE: 2 }, 'news'),
    ];
    expect(reportOf(list).flags[0]?.title).toBe('“Free repairs for life” contradicted across channels');
  });
});

describe('erosion', () => {
  const weeks = weeksOf(42, 47);
  // three earlier weeks at net +0.80 (8 positive, 2 neutral of 10 each)
  const earlier = ['2026-W42', '2026-W43', '2026-W44'].flatMap((each) =>
    mentions('free-repairs', each, { POSITIVE: 8, NEUTRAL: 2 }),
  );

  it('flags a significant drop of the last 3 weeks against the earlier weeks', () => {
    // recent weeks at net +0.40 (5 positive, 1 negative, 4 neutral): drop −0.40, still at or above the promise
    const recent = ['2026-W45', '2026-W46', '2026-W47'].flatMap((each) =>
      mentions('free-repairs', each, { POSITIVE: 5, NEGATIVE: 1, NEUTRAL: 4 }),
    );
    const report = reportOf([...earlier, ...recent], { weeks });
    expect(report.values[0]).toMatchObject({
      status: 'drifting',
      statusText: 'eroding: meets the promise but falling',
    });
    expect(report.values[0]?.trendTest).toMatchObject({
      direction: 'falling',
      recent: { mentions: 30 },
      earlier: { mentions: 30 },
    });
    expect(kinds(report)).toEqual(['eroding']);
    expect(report.flags[0]?.title).toBe('“Free repairs for life” eroding: net +0.80 → +0.40');
  });

  it('does not flag a drop smaller than thresholds.divergence, however certain', () => {
    // 8× the evidence at net +0.80 against +0.625 (drop 0.175 < 0.20)
    const big = ['2026-W42', '2026-W43', '2026-W44'].flatMap((each) =>
      mentions('free-repairs', each, { POSITIVE: 64, NEUTRAL: 16 }),
    );
    const recent = ['2026-W45', '2026-W46', '2026-W47'].flatMap((each) =>
      mentions('free-repairs', each, { POSITIVE: 52, NEGATIVE: 2, NEUTRAL: 26 }),
    );
    const report = reportOf([...big, ...recent], { weeks });
    expect(report.values[0]?.trendTest.interval?.high).toBeLessThan(0);
    expect(report.values[0]?.trendTest.direction).toBe('steady');
    expect(report.flags).toEqual([]);
  });

  it('does not flag a drop within the noise', () => {
    // net +0.80 from 10 mentions (W44) against +0.50 from 10 (W47): the interval of the difference reaches above 0
    const before = mentions('free-repairs', '2026-W44', { POSITIVE: 8, NEUTRAL: 2 });
    const recent = mentions('free-repairs', week, { POSITIVE: 6, NEGATIVE: 1, NEUTRAL: 3 });
    const report = reportOf([...before, ...recent], { weeks });
    expect(report.values[0]?.trendTest.difference).toBeCloseTo(-0.3, 10);
    expect(report.values[0]?.trendTest.interval?.high).toBeGreaterThanOrEqual(0);
    expect(report.flags).toEqual([]);
  });

  it('does not test a trend with fewer than minMentions mentions before the recent weeks', () => {
    const thin = mentions('free-repairs', '2026-W44', { POSITIVE: 9 });
    const recent = ['2026-W45', '2026-W46', '2026-W47'].flatMap((each) =>
      mentions('free-repairs', each, { POSITIVE: 4, NEGATIVE: 4, NEUTRAL: 2 }),
    );
    const report = reportOf([...thin, ...recent], { weeks, minNet: -0.5 });
    expect(report.values[0]?.trendTest.direction).toBe('not-enough-evidence');
    expect(kinds(report)).not.toContain('eroding');
  });
});

describe('inconsistency across channels', () => {
  const reviews = (count: number) => mentions('free-repairs', week, { POSITIVE: count }, 'review');
  const social = (count: number) => mentions('free-repairs', week, { NEGATIVE: count }, 'social');

  it('flags two channels with enough mentions whose nets differ and whose intervals do not overlap', () => {
    const report = reportOf([...reviews(6), ...social(5)], { minNet: -0.5 });
    expect(report.values[0]?.consistency).toMatchObject({ comparedChannels: ['review', 'social'], spread: 2 });
    expect(kinds(report)).toEqual(['inconsistent']);
    const [flag] = report.flags;
    expect(flag?.title).toBe('“Free repairs for life” differs by channel: reviews +1.00, social −1.00');
    expect(flag?.evidence.map((item) => item.channel)).toEqual(['social', 'social', 'review']);
  });

  it('does not compare a channel one mention short of the per-channel minimum (max(5, minMentions/2))', () => {
    const report = reportOf([...reviews(6), ...social(4)], { minNet: -0.5 });
    expect(report.values[0]?.consistency.comparedChannels).toEqual(['review']);
    expect(report.flags).toEqual([]);
  });

  it('does not flag channels whose intervals overlap', () => {
    // reviews 6 of 6 positive (+1.00), social 3 positive and 3 neutral (+0.50): they overlap at 6 mentions each
    const list = [...reviews(6), ...mentions('free-repairs', week, { POSITIVE: 3, NEUTRAL: 3 }, 'social')];
    const report = reportOf(list);
    expect(report.values[0]?.consistency).toMatchObject({ spread: 0.5, divergent: null });
    expect(report.flags).toEqual([]);
  });
});
