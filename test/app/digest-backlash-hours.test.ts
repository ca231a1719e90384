// The stance backlash in the digest: whole hours are counted from the rollups, and only the hours a
// statement and its window's end cut through are read post by post. A statement at 10:37 with posts
// at 10:05 and 10:50, and a window ending at 10:37 five days later with posts either side: the digest
// must count exactly what counting every post one by one counts.
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { buildDigest } from '#app/digest';
import { score } from '#app/score';
import { computeAlignment } from '#domain/alignment/index';
import { analyzerKey } from '#domain/analyzer';
import type { Profile } from '#domain/profile';
import type { Signal } from '#domain/signal';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../support/profile';
import { RETAIN_DAYS } from '../support/retention';
import { makeSignal } from '../support/signals';

const table = useLocalTable();
const analyzer = createLocalAnalyzer();
const key = analyzerKey(analyzer);

const profile: Profile = makeProfile(
  [
    { id: 'social', kind: 'rss', url: 'https://social.example/feed', channel: 'social' },
    { id: 'newsroom', kind: 'rss', url: 'https://fernhillbikes.example/news.atom', channel: 'stance' },
  ],
  {
    values: [
      {
        id: 'sustainability',
        label: 'Made responsibly',
        promise: 'Packaging made to be recycled.',
        aspects: ['packaging'],
        expected: { minNetSentiment: 0.2 },
      },
    ],
    thresholds: { minMentions: 5 },
    retention: { signalTextDays: RETAIN_DAYS },
  },
);

let made = 0;
function post(publishedAt: string, text: string, channel: 'social' | 'stance' = 'social'): Signal {
  made++;
  return makeSignal({
    key: `post-${made}`,
    sourceId: channel === 'social' ? 'social' : 'newsroom',
    channel,
    title: text.slice(0, 30),
    publishedAt,
    text,
  });
}

const PRAISE = 'Fernhill packaging is brilliant, I love it, great work.';
const ANGER = 'Fernhill packaging is awful, terrible greenwashing, really disappointing.';

describe('the stance backlash counted from hours and the posts of the hours cut through', () => {
  let store: DynamoStore;

  beforeAll(async () => {
    store = table.store();
    const signals = [
      // the days before: praise, three of it in the statement's own hour, before 10:37
      ...['2026-11-04T09:00', '2026-11-05T12:00', '2026-11-06T15:00', '2026-11-07T18:00', '2026-11-08T08:00'].map(
        (at) => post(`${at}:00.000Z`, PRAISE),
      ),
      ...['10:05', '10:20', '10:30'].map((at) => post(`2026-11-10T${at}:00.000Z`, PRAISE)),
      post('2026-11-10T10:37:00.000Z', 'Fernhill news: all our packaging is now recycled and recyclable.', 'stance'),
      // after it: anger, two of it in the statement's hour, then over the five days
      ...['10:40', '10:50'].map((at) => post(`2026-11-10T${at}:00.000Z`, ANGER)),
      ...['2026-11-11T09:00', '2026-11-12T13:00', '2026-11-13T17:00', '2026-11-14T20:00'].map((at) =>
        post(`${at}:00.000Z`, ANGER),
      ),
      // the window ends at 10:37 on the 15th: one angry post in it, one after it in the same hour
      post('2026-11-15T10:10:00.000Z', ANGER),
      post('2026-11-15T10:50:00.000Z', ANGER),
    ];
    await store.saveNewSignals(signals, RETAIN_DAYS);
    await score(profile, { store, analyzer, now: () => new Date('2026-11-16T09:00:00.000Z') });
  });

  it('gives the figures of counting every post, and the backlash they raise', async () => {
    const now = () => new Date('2026-11-16T09:00:00.000Z');
    const { report } = await buildDigest(profile, { store, analyzer: key, now }, { week: '2026-W46' });
    const range = { from: '2026-10-19T00:00:00.000Z', to: '2026-11-16T00:00:00.000Z' };
    const mentions = await store.valueMentionsBetween('sustainability', range, key);
    const everyPost = computeAlignment({
      profile,
      week: '2026-W46',
      weeks: ['2026-W43', '2026-W44', '2026-W45', '2026-W46'],
      mentions,
      scores: await store.scoresBetween(range, key),
      signals: new Map((await store.signalsBetween(range)).map((signal) => [signal.id, signal])),
    });
    const backlash = (flags: typeof report.flags) => flags.find((flag) => flag.kind === 'stance-backlash');
    expect(backlash(everyPost.flags)?.explanation).toMatch(
      /In the 5 days after the brand’s statement .* 7 social mentions, 7 negative: .*; before it, 8 social mentions/,
    );
    expect(backlash(report.flags)?.explanation).toBe(backlash(everyPost.flags)?.explanation);
  });
});
