// Detecting alerts on a real store: posts scored with the local analyzer, counted into the rollups'
// hourly counts, and a day of angry posts against four quiet weeks of the same hours
// (test/support/surge-signals.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { alertsAsOf, detectAlerts, replayAlerts } from '#app/alerts';
import { alertText, instant } from '#cli/alert-command';
import { analyzerKey } from '#domain/analyzer';
import type { Profile } from '#domain/profile';
import { useLocalTable } from '#test/support/local-table';
import {
  FREE_REPAIRS,
  storeScoredSurge,
  SURGE_SOURCES,
  SURGE_WINDOW,
  surgeAnalyzer,
} from '#test/support/surge-signals';
import { makeProfile } from '../support/profile';
import { RETAIN_DAYS } from '../support/retention';

const table = useLocalTable();
const key = analyzerKey(surgeAnalyzer());
const HOUR = 3_600_000;

const profile: Profile = makeProfile(SURGE_SOURCES, {
  values: [FREE_REPAIRS],
  thresholds: { minMentions: 10 },
  retention: { signalTextDays: RETAIN_DAYS },
});

// Wednesday 18 November 2026, 12:30 in London (UTC in November): the window is Tuesday 12:00 to Wednesday 12:00
const NOW = Date.parse('2026-11-18T12:30:00.000Z');
const WINDOW_START = Date.parse(SURGE_WINDOW.from);

describe('detecting alerts', () => {
  let store: DynamoStore;

  beforeAll(async () => {
    store = table.store();
    await storeScoredSurge(store, profile);
  });

  it('fires on the value and channel that surged, with its numbers, three quotes with links, and where to look first', async () => {
    const detection = await detectAlerts(store, profile, key, { now: new Date(NOW) });
    expect(detection).toMatchObject({ brand: 'Fernhill Bikes', sensitivity: 'balanced', windowHours: 24 });
    const [alert, ...others] = detection.alerts;
    expect(others).toEqual([]);
    if (alert?.kind !== 'negative-surge') throw new Error('expected a surge');
    expect(alert).toMatchObject({
      kind: 'negative-surge',
      value: { id: 'free-repairs', label: 'Free repairs for life' },
      channel: 'social',
      window: { from: '2026-11-17T12:00:00.000Z', to: '2026-11-18T12:00:00.000Z', hours: 24 },
      mentions: 21,
      baseline: { basis: 'same-hours', weeks: 4, wanted: 4, mentions: 48 },
    });
    expect(alert?.negative).toBeGreaterThanOrEqual(12);
    expect(alert?.quotes).toHaveLength(3);
    // the angriest posts of the window, from both sources, each with its link
    expect(new Set(alert?.quotes.map((quote) => quote.sourceId))).toEqual(new Set(['x', 'mastodon']));
    for (const quote of alert?.quotes ?? []) {
      expect(quote.quote).toMatch(/Fernhill/);
      expect(quote.url).toMatch(/^https:\/\/reviews\.example\//);
      expect(Date.parse(quote.publishedAt)).toBeGreaterThanOrEqual(WINDOW_START);
    }
    expect(alert?.checkFirst).toMatch(/one story being passed on/);
    // what the angry posts share, from their key phrases: never the brand or the value's own word
    expect(alert.topPhrases.length).toBeGreaterThan(0);
    for (const { phrase, posts } of alert.topPhrases) {
      expect(posts).toBeGreaterThanOrEqual(2);
      expect(phrase).not.toMatch(/^(fernhill|repair)$/);
    }
    const counts = alert.topPhrases.map((each) => each.posts);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const text = alertText(detection, profile.digest.timezone, profile.thresholds.confidence);
    expect(text).toContain(
      `! “Free repairs for life” on social: ${alert?.negative} of 21 mentions negative from 17 Nov 12:00 to 18 Nov 12:00`,
    );
    expect(text).toContain('in the same hours of the 4 weeks before');
    expect(text).toContain('Promise: Every bike we sell is repaired free for life.');
  });

  it('fires nothing the day before, on the quiet hours, and still fires this surge when a team wants fewer alerts', async () => {
    expect((await detectAlerts(store, profile, key, { now: new Date(NOW - 24 * HOUR) })).alerts).toEqual([]);
    // fewer asks a share 25 points higher and 3 times the count: this surge clears both, so it still fires
    const fewer = await detectAlerts(store, profile, key, { now: new Date(NOW), sensitivity: 'fewer' });
    expect(fewer.alerts.map((alert) => alert.subject)).toEqual(['free-repairs#social']);
    expect(alertText({ ...fewer, alerts: [] }, 'UTC', 0.9)).toContain(
      'none: in the last 24 hours no value’s negative mentions surged on any channel, no review burst was found, and no statement met backlash.',
    );
  });

  it('fires nothing over a quiet week, at any sensitivity, however often it runs', async () => {
    // the week before the surge: its Tuesday and Wednesday hold the usual 12 posts, 2 of them grumbles
    const replay = await replayAlerts(store, profile, key, {
      from: new Date('2026-11-09T00:00:00.000Z'),
      to: new Date('2026-11-16T00:00:00.000Z'),
    });
    expect(replay.hours).toBe(168);
    expect(replay.sent).toEqual({ fewer: [], balanced: [], more: [] });
  });

  it('checks, after a run over past data, the hours up to its newest post; over fresh data, the hours up to now', async () => {
    // the newest post is from Wednesday 18 November, 08:30
    const newest = '2026-11-18T08:30:00.000Z';
    expect(await alertsAsOf(store, profile, new Date('2026-12-05T10:00:00.000Z'))).toEqual({
      at: new Date('2026-11-18T09:30:00.000Z'),
      newest,
    });
    expect(await alertsAsOf(store, profile, new Date('2026-11-18T20:00:00.000Z'))).toEqual({
      at: new Date('2026-11-18T20:00:00.000Z'),
    });
  });

  it('replays detection at every hour of past days, listing what each sensitivity would have sent once', async () => {
    const replay = await replayAlerts(store, profile, key, {
      from: new Date('2026-11-17T00:00:00.000Z'),
      to: new Date('2026-11-19T00:00:00.000Z'),
    });
    expect(replay).toMatchObject({ brand: 'Fernhill Bikes', hours: 48, windowHours: 24, dailyCap: 5 });
    // the angry day builds from Tuesday noon: sent when it first clears the bar, not again each hour it holds
    for (const sensitivity of ['more', 'balanced', 'fewer'] as const) {
      const sent = replay.sent[sensitivity];
      expect(sent.length).toBeGreaterThanOrEqual(1);
      expect(
        sent.every(
          (alert) => alert.kind === 'negative-surge' && alert.valueId === 'free-repairs' && alert.channel === 'social',
        ),
      ).toBe(true);
      // at most once more, when it has doubled or its share risen 20 points
      expect(sent.length).toBeLessThanOrEqual(2);
    }
    const first = (sensitivity: 'more' | 'balanced' | 'fewer') => Date.parse(replay.sent[sensitivity][0]?.at ?? '');
    // the fewer alerts a team wants, the later (or never) the first one comes
    expect(first('more')).toBeLessThanOrEqual(first('balanced'));
    expect(first('balanced')).toBeLessThanOrEqual(first('fewer'));
    expect(first('more')).toBeGreaterThan(Date.parse('2026-11-17T12:00:00.000Z'));
  });

  it('takes --at as an instant with its offset, and refuses anything else', () => {
    expect(instant('2026-11-23T06:00:00Z').toISOString()).toBe('2026-11-23T06:00:00.000Z');
    expect(instant('2026-11-23T07:00+01:00').toISOString()).toBe('2026-11-23T06:00:00.000Z');
    for (const bad of ['2026-11-23', 'yesterday', '2026-11-23T06:00:00'])
      expect(() => instant(bad)).toThrow(/expected an instant such as 2026-11-23T06:00:00Z/);
  });
});
