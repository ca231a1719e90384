// The two alert kinds besides a surge, detected on a real store from posts scored with the local
// analyzer: backlash after one of the brand's statements (the social hours after it against the week
// before it), and a review burst as the daily search keeps it.
import { beforeAll, describe, expect, it } from 'vitest';
import { slackMessage, teamsMessage, webhookPayload } from '#adapters/alerts/messages';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { type Alert, type BacklashAlert, type BurstAlert, detectAlerts, replayAlerts } from '#app/alerts';
import { reviewBurstsBetween } from '#app/review-bursts';
import { score } from '#app/score';
import { alertText } from '#cli/alert-command';
import { analyzerKey } from '#domain/analyzer';
import type { Profile } from '#domain/profile';
import type { Signal } from '#domain/signal';
import { expectPublishedPayload } from '#test/support/alert-payload';
import { useLocalTable } from '#test/support/local-table';
import { FREE_REPAIRS } from '#test/support/surge-signals';
import { makeProfile } from '../support/profile';
import { RETAIN_DAYS } from '../support/retention';
import { makeSignal } from '../support/signals';

const table = useLocalTable();
const analyzer = createLocalAnalyzer();
const key = analyzerKey(analyzer);
const HOUR = 3_600_000;

const profile: Profile = makeProfile(
  [
    { id: 'x', kind: 'rss', url: 'https://x.example/feed', channel: 'social' },
    { id: 'newsroom', kind: 'rss', url: 'https://fernhill.example/press', channel: 'stance' },
    { id: 'shop-reviews', kind: 'rss', url: 'https://reviews.example/feed', channel: 'review' },
  ],
  {
    values: [FREE_REPAIRS],
    thresholds: { minMentions: 10 },
    retention: { signalTextDays: RETAIN_DAYS },
  },
);

let made = 0;
function signal(channel: Signal['channel'], sourceId: string, at: number, text: string, extra: Partial<Signal> = {}) {
  made++;
  return makeSignal({
    key: `${sourceId}-${made}`,
    sourceId,
    channel,
    title: text.slice(0, 40),
    publishedAt: new Date(at).toISOString(),
    text,
    ...extra,
  });
}

const PRAISE = 'Fernhill fixed my repair for free again, brilliant service, love it.';
const ANGER = [
  'Fernhill now charges for repair after five years. Broken promise, disgraceful, awful.',
  'So angry at the new Fernhill repair fee, terrible, a total betrayal.',
  'The Fernhill repair policy change is a scam, awful, shameful.',
];
const STATEMENT =
  'Fernhill announces an update to its repair programme: from December, repair after five years carries a small fee.';
const BURST_PRAISE = 'Best bike shop ever, amazing staff, highly recommend Fernhill';

// The statement: Monday 16 November 2026, 09:10 UTC; detection a day and a half later
const STATEMENT_AT = Date.parse('2026-11-16T09:10:00.000Z');
const NOW = Date.parse('2026-11-17T21:30:00.000Z');
// the burst: Tuesday 17 November, from 14:00, six near-identical five-star reviews 10 minutes apart
const BURST_AT = Date.parse('2026-11-17T14:00:00.000Z');

describe('alerts of a statement’s backlash and of a review burst', () => {
  let store: DynamoStore;
  let alerts: Alert[];
  let statement: Signal;

  beforeAll(async () => {
    store = table.store();
    const signals: Signal[] = [];
    // the week before the statement: 14 social posts, all pleased with the free repairs
    for (let index = 0; index < 14; index++)
      signals.push(signal('social', 'x', STATEMENT_AT - (7 * 24 - 1 - index * 11) * HOUR, PRAISE));
    statement = signal('stance', 'newsroom', STATEMENT_AT, STATEMENT, { title: 'An update to our repair programme' });
    signals.push(statement);
    // the 30 hours after it: 12 angry posts, 1 pleased
    for (let index = 0; index < 13; index++)
      signals.push(
        signal(
          'social',
          'x',
          STATEMENT_AT + (2 + index * 2.5) * HOUR,
          index === 0 ? PRAISE : `${ANGER[index % 3]} (${index})`,
        ),
      );
    for (let index = 0; index < 6; index++)
      signals.push(
        signal('review', 'shop-reviews', BURST_AT + index * 600_000, `${BURST_PRAISE}${'!'.repeat(index + 1)}`, {
          rating: { value: 5, best: 5 },
        }),
      );
    await store.saveNewSignals(signals, RETAIN_DAYS);
    await score(profile, { store, analyzer, now: () => new Date(NOW) });
    // what `congruence score` (and the stack's daily search) does after scoring: keep the bursts found
    await reviewBurstsBetween(store, profile, key, { from: NOW - 7 * 24 * HOUR, to: NOW }, new Date(NOW));
    alerts = (await detectAlerts(store, profile, key, { now: new Date(NOW) })).alerts;
  });

  it('fires backlash after the statement, quoting the statement first, then the angriest reactions', () => {
    const backlash = alerts.find((alert): alert is BacklashAlert => alert.kind === 'stance-backlash');
    expect(backlash).toMatchObject({
      valueId: 'free-repairs',
      channel: 'social',
      subject: 'free-repairs#social',
      statement: {
        signalId: statement.id,
        publishedAt: new Date(STATEMENT_AT).toISOString(),
        title: 'An update to our repair programme',
      },
      // the hours after the statement's (09:00 to 10:00) up to the last whole hour
      window: { from: '2026-11-16T10:00:00.000Z', to: '2026-11-17T21:00:00.000Z', hours: 35 },
      after: { mentions: 13, negative: 12 },
      // the store's data begins with the first of the 14 posts: the hour it began in is not known whole
      before: { mentions: 13, negative: 0 },
    });
    expect(backlash?.drop.value).toBeLessThan(-0.5);
    expect(backlash?.drop.interval.high).toBeLessThan(0);
    expect(backlash?.quotes.map((quote) => quote.sourceId)).toEqual(['newsroom', 'x', 'x']);
    expect(backlash?.quotes[0]?.quote).toContain('repair after five years carries a small fee');
    expect(backlash?.quotes[1]?.quote).toMatch(/Fernhill/);
    expect(backlash?.checkFirst).toMatch(/statement quoted first/);
  });

  it('lists the backlash before the burst: complaints about a promise before suspect praise', () => {
    expect(alerts.map((alert) => alert.kind)).toEqual(['stance-backlash', 'review-burst']);
  });

  it('fires a review burst with its reviews quoted and linked, once the daily search has kept it', () => {
    const burst = alerts.find((alert): alert is BurstAlert => alert.kind === 'review-burst');
    expect(burst).toMatchObject({
      channel: 'review',
      value: null,
      burst: { reviews: 6, sources: ['shop-reviews'], firstAt: new Date(BURST_AT).toISOString() },
    });
    expect(burst?.quotes).toHaveLength(3);
    for (const quote of burst?.quotes ?? []) expect(quote.url).toMatch(/^https:\/\/reviews\.example\//);
    // when the store lets a quote's text expire is not the receiver's to know
    expect(burst?.burst.evidence.length).toBeGreaterThan(0);
    for (const evidence of burst?.burst.evidence ?? []) expect(evidence).not.toHaveProperty('expiresAt');
  });

  it('says what each alert is in the CLI and in Slack, Teams and the webhook', () => {
    const text = alertText(
      { brand: 'Fernhill Bikes', at: new Date(NOW).toISOString(), sensitivity: 'balanced', windowHours: 24, alerts },
      'UTC',
      0.9,
    );
    expect(text).toContain(
      '! “Free repairs for life” on social since the brand’s statement “An update to our repair programme” (16 Nov 09:10): 13 mentions, 12 negative',
    );
    expect(text).toContain('! Review burst: 6 reviews rated 5/5 with nearly the same words');
    const context = { brand: 'Fernhill Bikes', zone: 'UTC', confidence: 0.9, detectedAt: new Date(NOW).toISOString() };
    for (const alert of alerts) {
      const headline =
        alert.kind === 'review-burst'
          ? 'Fernhill Bikes: a burst of 6 near-identical top-rated reviews'
          : alert.kind === 'stance-backlash'
            ? 'Fernhill Bikes: “Free repairs for life”: backlash on social after the 16 Nov statement'
            : 'Fernhill Bikes: “Free repairs for life” on social';
      expect(webhookPayload(alert, context)).toMatchObject({ headline, alert: { kind: alert.kind } });
      expectPublishedPayload(webhookPayload(alert, context));
      const slack = slackMessage(alert, context) as { blocks: Array<{ text?: { text: string } }> };
      expect(slack.blocks[0]?.text?.text).toBe(headline);
      const teams = JSON.stringify(teamsMessage(alert, context));
      expect(teams).toContain(JSON.stringify(headline));
      // the burst concerns no value: no promise line
      expect(teams.includes('Promise: ')).toBe(alert.kind !== 'review-burst');
    }
  });

  it('fires neither before the statement nor before the burst', async () => {
    const before = await detectAlerts(store, profile, key, { now: new Date(STATEMENT_AT) });
    expect(before.alerts.map((alert) => alert.kind)).toEqual([]);
  });

  it('replays them: each once, the backlash as soon as enough reactions came, the burst the hour after its last review', async () => {
    const replay = await replayAlerts(store, profile, key, {
      from: new Date('2026-11-16T00:00:00.000Z'),
      to: new Date(NOW),
    });
    const balanced = replay.sent.balanced;
    const backlash = balanced.filter((alert) => alert.kind === 'stance-backlash');
    const bursts = balanced.filter((alert) => alert.kind === 'review-burst');
    expect(bursts.map((alert) => alert.at)).toEqual(['2026-11-17T15:00:00.000Z']);
    expect(backlash.length).toBeGreaterThanOrEqual(1);
    expect(backlash.length).toBeLessThanOrEqual(2);
    // ten reactions are needed (minMentions): the earliest it can fire is after the tenth, 24.5 hours on
    expect(Date.parse(backlash[0]?.at ?? '')).toBeGreaterThan(STATEMENT_AT + 24 * HOUR);
    // fewer alerts ask for a burst of ten reviews: this one of six is not sent
    expect(replay.sent.fewer.filter((alert) => alert.kind === 'review-burst')).toEqual([]);
  });
});
