// A surge in negative mentions, found from the weekly rollups' hourly counts: the last 24 hours
// against the same weekday hours of the weeks before.
import { describe, expect, it } from 'vitest';
import type { SentimentLabel } from '#domain/analyzer';
import { lastHours, weeksEarlier } from '#domain/alerts/hour-window';
import { negativeSurges, surgeWeeks } from '#domain/alerts/negative-surge';
import type { Channel } from '#domain/profile';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import { mention, profileWith, REPAIRS, score, rollupsFrom } from '../alignment/builders';

const profile = profileWith([REPAIRS]);
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
// Wednesday 18 November 2026, 12:30 UTC (the test profile's time zone): the window is Tuesday 12:00 to Wednesday 12:00
const NOW = Date.parse('2026-11-18T12:30:00.000Z');
const WINDOW_START = Date.parse('2026-11-17T12:00:00.000Z');

interface Spread {
  /** Hours after the window's start of the first mention, and of the last. */
  from?: number;
  to?: number;
  channel?: Channel;
}

/** `counts` mentions of the value (each with its signal's score), spread evenly over hours of [start + from, start + to). */
function posts(start: number, counts: Partial<Record<SentimentLabel, number>>, spread: Spread = {}) {
  const { from = 0, to = 24, channel = 'social' } = spread;
  const all = Object.entries(counts).flatMap(([label, count]) =>
    Array.from({ length: count }, () => label as SentimentLabel),
  );
  const mentions: ValueMention[] = [];
  const scores: SignalScore[] = [];
  all.forEach((label, index) => {
    const publishedAt = new Date(start + (from + ((to - from) * (index + 0.5)) / all.length) * HOUR).toISOString();
    const made = mention({ valueId: REPAIRS.id, label, channel, publishedAt });
    mentions.push(made);
    scores.push(score({ label, channel, publishedAt, signalId: made.signalId, valueIds: [REPAIRS.id] }));
  });
  return { mentions, scores };
}

/** Four earlier weeks of the same hours, each with 20 social mentions, 3 of them negative. */
const steadyWeeks = () =>
  [1, 2, 3, 4].map((weeks) => posts(WINDOW_START - weeks * WEEK, { POSITIVE: 14, NEUTRAL: 3, NEGATIVE: 3 }));

describe('the hours an alert looks at', () => {
  it('are the 24 whole hours before the one now falls in, across a week’s start, and the same hours of earlier weeks', () => {
    // Monday 23 November 2026, 00:40 UTC: the window is all of Sunday, the last 24 hours of 2026-W47
    const window = lastHours(Date.parse('2026-11-23T00:40:00.000Z'), 24, 'UTC');
    expect([new Date(window.from).toISOString(), new Date(window.to).toISOString()]).toEqual([
      '2026-11-22T00:00:00.000Z',
      '2026-11-23T00:00:00.000Z',
    ]);
    expect(window.slots[0]).toEqual({ week: '2026-W47', slot: 144 });
    expect(window.slots.at(-1)).toEqual({ week: '2026-W47', slot: 167 });
    const earlier = weeksEarlier(window, 2, 'UTC');
    expect(new Date(earlier.from).toISOString()).toBe('2026-11-08T00:00:00.000Z');
    expect(earlier.slots[0]).toEqual({ week: '2026-W45', slot: 144 });
    // Wednesday at noon: Tuesday noon to Wednesday noon, one week
    expect(surgeWeeks(NOW, 'UTC')).toEqual(['2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47']);
  });
});

describe('a surge in negative mentions', () => {
  it('fires when the last 24 hours hold far more negative mentions, and a larger negative share, than the same hours of 4 weeks', () => {
    const rollups = rollupsFrom(...steadyWeeks(), posts(WINDOW_START, { POSITIVE: 10, NEUTRAL: 2, NEGATIVE: 18 }));
    const [surge, ...others] = negativeSurges({ profile, rollups, now: NOW });
    expect(others).toEqual([]);
    expect(surge).toMatchObject({
      kind: 'negative-surge',
      valueId: REPAIRS.id,
      channel: 'social',
      window: { from: '2026-11-17T12:00:00.000Z', to: '2026-11-18T12:00:00.000Z', hours: 24 },
      mentions: 30,
      negative: 18,
      share: 0.6,
      baseline: { basis: 'same-hours', weeks: 4, wanted: 4, mentions: 80, negative: 12, negativePerWindow: 3 },
      countRatio: 6,
    });
    expect(surge?.shareRise.value).toBeCloseTo(0.45, 10);
    expect(surge?.shareRise.interval.low).toBeGreaterThan(0);
  });

  it('does not fire on a quiet day, nor on more mentions at the usual negative share, nor on mentions outside the window', () => {
    const quiet = posts(WINDOW_START, { POSITIVE: 15, NEUTRAL: 2, NEGATIVE: 3 });
    expect(negativeSurges({ profile, rollups: rollupsFrom(...steadyWeeks(), quiet), now: NOW })).toEqual([]);
    // three times the volume, three times the negatives: a busy day, not a surge
    const busy = posts(WINDOW_START, { POSITIVE: 42, NEUTRAL: 9, NEGATIVE: 9 });
    expect(negativeSurges({ profile, rollups: rollupsFrom(...steadyWeeks(), busy), now: NOW })).toEqual([]);
    // the same angry posts in the hour now falls in, which is not over yet
    const tooSoon = posts(WINDOW_START, { NEGATIVE: 18 }, { from: 24, to: 24.5 });
    expect(negativeSurges({ profile, rollups: rollupsFrom(...steadyWeeks(), quiet, tooSoon), now: NOW })).toEqual([]);
  });

  it('asks more of a surge the fewer alerts a team wants', () => {
    // 8 of 25 negative against 3 of 20 a week: 2.7 times the count, a share 17 points higher
    const rollups = rollupsFrom(...steadyWeeks(), posts(WINDOW_START, { POSITIVE: 15, NEUTRAL: 2, NEGATIVE: 8 }));
    const fired = (sensitivity: 'fewer' | 'balanced' | 'more') =>
      negativeSurges({ profile, rollups, now: NOW, sensitivity }).length;
    expect([fired('more'), fired('balanced'), fired('fewer')]).toEqual([1, 1, 0]);
  });

  it('is not raised on a doubling that one earlier week cannot tell from chance', () => {
    // 6 negative against 3 the week before: twice the count and a much larger share, but 6 of those
    // 9 negatives falling in this window happens a quarter of the time when they fall evenly
    const [lastWeek] = steadyWeeks();
    const rollups = rollupsFrom(
      lastWeek as ReturnType<typeof posts>,
      posts(WINDOW_START, { POSITIVE: 4, NEGATIVE: 6 }),
    );
    expect(negativeSurges({ profile, rollups, now: NOW })).toEqual([]);
    // 10 negative of 14 against four such weeks is a surge
    const againstFour = rollupsFrom(...steadyWeeks(), posts(WINDOW_START, { POSITIVE: 4, NEGATIVE: 10 }));
    expect(negativeSurges({ profile, rollups: againstFour, now: NOW })).toHaveLength(1);
  });

  it('is not raised on fewer mentions than minMentions, however negative', () => {
    const rollups = rollupsFrom(...steadyWeeks(), posts(WINDOW_START, { NEGATIVE: 9 }));
    expect(negativeSurges({ profile, rollups, now: NOW })).toEqual([]);
  });

  it('uses the earlier weeks there are, and says how many of the 4 it had', () => {
    const [lastWeek] = steadyWeeks();
    const rollups = rollupsFrom(
      lastWeek as ReturnType<typeof posts>,
      posts(WINDOW_START, { POSITIVE: 10, NEGATIVE: 20 }),
    );
    const [surge] = negativeSurges({ profile, rollups, now: NOW });
    expect(surge?.baseline).toMatchObject({ basis: 'same-hours', weeks: 1, wanted: 4, negative: 3 });
  });

  it('compares with the 6 days before when no earlier week has data, and says so', () => {
    // the store's data begins on Monday 16 November: Wednesday's window has no earlier week
    const days = posts(Date.parse('2026-11-16T00:00:00.000Z'), { POSITIVE: 20, NEUTRAL: 4, NEGATIVE: 4 }, { to: 36 });
    const rollups = rollupsFrom(days, posts(WINDOW_START, { POSITIVE: 10, NEGATIVE: 20 }));
    const [surge] = negativeSurges({ profile, rollups, now: NOW });
    // of the 6 days before the window, the 36 hours since the data began: a window and a half
    expect(surge?.baseline).toMatchObject({ basis: 'hours-before', weeks: 0, windows: 1.5, negative: 4 });
  });

  it('judges no window that reaches back before the data began, and wants a window’s worth of hours before it', () => {
    const rollups = rollupsFrom(...steadyWeeks(), posts(WINDOW_START, { POSITIVE: 10, NEUTRAL: 2, NEGATIVE: 18 }));
    // the store's first signal an hour into the window: those 24 hours are not all known
    expect(negativeSurges({ profile, rollups, now: NOW, dataFrom: WINDOW_START + HOUR })).toEqual([]);
    // the data began 12 hours before the window, and no earlier week is known: too little to compare with
    const early = posts(WINDOW_START - 12 * HOUR, { POSITIVE: 10, NEGATIVE: 2 }, { to: 12 });
    const fresh = rollupsFrom(early, posts(WINDOW_START, { POSITIVE: 10, NEGATIVE: 20 }));
    expect(negativeSurges({ profile, rollups: fresh, now: NOW, dataFrom: WINDOW_START - 12 * HOUR })).toEqual([]);
    // 30 hours before it: enough
    const longer = rollupsFrom(
      posts(WINDOW_START - 30 * HOUR, { POSITIVE: 10, NEGATIVE: 2 }, { to: 30 }),
      posts(WINDOW_START, { POSITIVE: 10, NEGATIVE: 20 }),
    );
    const [surge] = negativeSurges({ profile, rollups: longer, now: NOW, dataFrom: WINDOW_START - 30 * HOUR });
    expect(surge?.baseline).toMatchObject({ basis: 'hours-before', windows: 1.25 });
  });

  it('looks at each channel on its own', () => {
    const reviews = posts(WINDOW_START, { POSITIVE: 10, NEGATIVE: 18 }, { channel: 'review' });
    const rollups = rollupsFrom(
      ...steadyWeeks(),
      posts(WINDOW_START, { POSITIVE: 15, NEUTRAL: 2, NEGATIVE: 3 }),
      reviews,
    );
    // reviews in the same hours of earlier weeks: none, so the 18 negative reviews rise from nothing
    expect(negativeSurges({ profile, rollups, now: NOW }).map((surge) => surge.channel)).toEqual(['review']);
  });
});
