// Scoring with competitors declared: a shared post is scored for each entity it names, a sentence
// naming two gives each its own clause and sentiment, a source about a competitor counts for it
// alone, and the run says what each entity cost.
import { beforeEach, describe, expect, it } from 'vitest';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { score } from '#app/score';
import { analyzerKey } from '#domain/analyzer';
import { isoWeekRange } from '#domain/iso-week';
import type { Profile } from '#domain/profile';
import { WEEK_TOTALS } from '#domain/rollup';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../support/profile';
import { RETAIN_DAYS } from '../support/retention';
import { makeSignal } from '../support/signals';

const table = useLocalTable();
let store: DynamoStore;
beforeEach(() => {
  store = table.store();
});

const profile: Profile = makeProfile(
  [
    { id: 'social', kind: 'rss', url: 'https://social.example/feed', channel: 'social' },
    { id: 'cobalt-reviews', kind: 'rss', url: 'https://reviews.example/cobalt', channel: 'review', about: 'cobalt' },
  ],
  {
    brand: {
      name: 'Fernhill Bikes',
      aliases: ['Fernhill'],
      handles: ['@fernhillbikes'],
      domains: ['fernhillbikes.example'],
      competitors: [{ name: 'Cobalt Cycles', id: 'cobalt', aliases: ['Cobalt'], handles: ['@cobaltcycles'] }],
    },
    values: [
      {
        id: 'free-repairs',
        label: 'Free repairs for life',
        promise: 'Repaired free for life.',
        aspects: ['repair', 'fix'],
        expected: { minNetSentiment: 0.3 },
      },
    ],
  },
);

const week = isoWeekRange('2026-W46', 'UTC');
const post = (key: string, text: string) => makeSignal({ key, sourceId: 'social', channel: 'social', title: '', text });

describe('scoring the brand and its competitors', () => {
  it('gives each entity named in one sentence its own clause and sentiment', async () => {
    await store.saveNewSignals(
      [
        post(
          'both',
          'Cobalt fixed my wheel for free and the repair was brilliant, but Fernhill botched the repair and it was awful.',
        ),
      ],
      RETAIN_DAYS,
    );
    const analyzer = createLocalAnalyzer();
    const report = await score(profile, { store, analyzer });
    const key = analyzerKey(analyzer);

    const [brand] = await store.valueMentionsBetween('free-repairs', week, key);
    const [cobalt] = await store.valueMentionsBetween('free-repairs@cobalt', week, key);
    expect(brand).toMatchObject({
      excerpts: ['Fernhill botched the repair and it was awful.'],
      sentiment: { label: 'NEGATIVE' },
    });
    expect(brand?.competitorId).toBeUndefined();
    expect(cobalt).toMatchObject({
      competitorId: 'cobalt',
      excerpts: ['Cobalt fixed my wheel for free and the repair was brilliant'],
      sentiment: { label: 'POSITIVE' },
    });
    const [scored] = await store.scoresBetween(week, key);
    expect(scored).toMatchObject({
      status: 'scored',
      valueIds: ['free-repairs'],
      about: { brand: 'NEGATIVE', competitors: { cobalt: 'POSITIVE' } },
    });
    expect(report.mentionsByValue).toEqual({ 'free-repairs': 1 });
    expect(report.mentionsByCompetitor).toEqual({ cobalt: 1 });
    // a post about the brand is the brand's to pay for, whoever else it names
    expect(report.comprehendUnitsByEntity).toEqual({ 'fernhill-bikes': report.estimatedComprehendUnits, cobalt: 0 });
  });

  it('keeps a post naming only a competitor, for the competitor, and sets aside one naming nobody', async () => {
    await store.saveNewSignals(
      [
        post('cobalt-only', 'The Cobalt workshop did a brilliant repair on my frame.'),
        post('nobody', 'Brilliant repair on my frame at the local shop.'),
      ],
      RETAIN_DAYS,
    );
    const analyzer = createLocalAnalyzer();
    const report = await score(profile, { store, analyzer });
    const key = analyzerKey(analyzer);

    expect(report.scored).toBe(1);
    expect(report.offBrand).toBe(1);
    expect(await store.valueMentionsBetween('free-repairs', week, key)).toEqual([]);
    expect(await store.valueMentionsBetween('free-repairs@cobalt', week, key)).toHaveLength(1);
    expect(report.comprehendUnitsByEntity['fernhill-bikes']).toBe(0);
    expect(report.comprehendUnitsByEntity.cobalt).toBe(report.estimatedComprehendUnits);
    expect(report.estimatedComprehendUnits).toBeGreaterThan(0);
  });

  it('counts a review from a source about a competitor for the competitor alone, even where it names the brand', async () => {
    await store.saveNewSignals(
      [
        makeSignal({
          key: 'cobalt-review',
          sourceId: 'cobalt-reviews',
          title: '',
          text: 'They fixed my brakes for free, a great repair. Better than Fernhill.',
        }),
      ],
      RETAIN_DAYS,
    );
    const analyzer = createLocalAnalyzer();
    await score(profile, { store, analyzer });
    const key = analyzerKey(analyzer);

    expect(await store.valueMentionsBetween('free-repairs', week, key)).toEqual([]);
    expect(await store.valueMentionsBetween('free-repairs@cobalt', week, key)).toHaveLength(1);
    const rollups = await store.rollupsOf(key, ['2026-W46'], [WEEK_TOTALS, '*@cobalt', 'free-repairs@cobalt']);
    const subjects = rollups.map((rollup) => rollup.subject).sort();
    // the brand's totals do not count it: its share of voice, topics and review bursts are its own
    expect(subjects).toEqual(['*@cobalt', 'free-repairs@cobalt']);
    const voice = rollups.find((rollup) => rollup.subject === '*@cobalt');
    expect(voice?.days.review.reduce((sum, day) => sum + day[0], 0)).toBe(1);
    expect(voice?.comprehendUnits).toBeGreaterThan(0);
  });
});
