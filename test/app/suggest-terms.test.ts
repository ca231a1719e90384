// The words customers use for each value, and the themes no value covers, read from a real store
// (dynalite) holding reviews we wrote, scored by the real local analyzer.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalAnalyzer } from '../../shared/adapters/analyzers/local/local-analyzer';
import { DynamoStore } from '../../shared/adapters/store/dynamo-store';
import { startLocalDynamo, type LocalDynamo } from '../../shared/adapters/store/local-dynamo';
import { score } from '../../shared/app/score';
import { NoSignalsToSuggestFromError, suggestTerms, type SuggestTermsReport } from '../../shared/app/suggest-terms';
import { analyzerKey } from '../../shared/domain/analyzer';
import type { Profile } from '../../shared/domain/profile';
import { makeProfile } from '../support/profile';
import { RETAIN_DAYS } from '../support/retention';
import { makeSignal } from '../support/signals';

const TABLE = 'suggest-terms-test';
const analyzer = createLocalAnalyzer();
const ANALYZER = analyzerKey(analyzer);
let local: LocalDynamo;
let brandCounter = 0;

const profile: Profile = makeProfile([{ id: 'reviews', kind: 'rss', url: 'https://reviews.example/feed', channel: 'review' }], {
  brand: { name: 'Larkspur Kitchen', aliases: ['Larkspur'] },
  values: [
    { id: 'service', label: 'Service that cares', promise: 'People who look after you.', aspects: ['service', 'staff'], expected: { minNetSentiment: 0.3 } },
    { id: 'food', label: 'Food worth the trip', promise: 'Cooked fresh every day.', aspects: ['food', 'dish'], expected: { minNetSentiment: 0.3 } },
  ],
});

const fixture = JSON.parse(readFileSync('test/fixtures/suggest-terms/larkspur-reviews.json', 'utf8')) as { reviews: string[] };

function storeFor(): DynamoStore {
  brandCounter++;
  return new DynamoStore({ client: local.client, tableName: TABLE, brandId: `suggest-${brandCounter}` });
}

/** The fixture's reviews, one a day from Monday 2 November 2026, stored and scored. */
async function storedAndScored(): Promise<DynamoStore> {
  const store = storeFor();
  const signals = fixture.reviews.map((text, index) =>
    makeSignal({ key: `review-${index}`, sourceId: 'reviews', title: '', text, publishedAt: new Date(Date.UTC(2026, 10, 2 + (index % 14), 12)).toISOString() }),
  );
  await store.saveNewSignals(signals, RETAIN_DAYS);
  await score(profile, { store, analyzer });
  return store;
}

let report: SuggestTermsReport;

beforeAll(async () => {
  local = await startLocalDynamo({ tableName: TABLE });
  report = await suggestTerms(profile, { store: await storedAndScored(), analyzer: ANALYZER });
});
afterAll(async () => {
  await local.close();
});

const termsOf = (valueId: string) => report.values.find((value) => value.valueId === valueId)?.suggestions.map((each) => each.term) ?? [];

describe('suggested terms', () => {
  it('proposes a word customers use beside a value’s aspects', () => {
    expect(termsOf('service')).toContain('waiter');
  });

  it('gives each suggestion its signals, share negative and two example sentences', () => {
    const waiter = report.values.find((value) => value.valueId === 'service')?.suggestions.find((each) => each.term === 'waiter');
    expect(waiter?.count).toBe(6);
    // "The waiter spilled wine on my coat." mentions no service aspect: the word would bring it in.
    expect(waiter?.wouldAdd).toBe(1);
    expect(waiter?.negativeShare).toBeGreaterThan(0);
    expect(waiter?.negativeShare).toBeLessThan(1);
    expect(waiter?.examples).toHaveLength(2);
    expect(waiter?.examples[1]).toBe('The waiter spilled wine on my coat.');
  });

  it('never proposes a value’s own aspects, stop words or the brand’s names', () => {
    const service = termsOf('service');
    expect(service).not.toContain('staff');
    expect(service.filter((term) => term.split(' ').includes('service'))).toEqual([]);
    expect(service).not.toContain('our');
    expect(service.filter((term) => term.includes('larkspur'))).toEqual([]);
  });

  it('lists a theme that matches no value, with its signals and examples', () => {
    const parking = report.unmatchedThemes.find((theme) => theme.theme === 'parking');
    expect(parking?.count).toBeGreaterThanOrEqual(3);
    expect(parking?.examples).toHaveLength(2);
    expect(parking?.examples[0]).toMatch(/parking/i);
  });

  it('says which weeks and how many customer signals it read', () => {
    expect(report.weeks).toEqual({ first: '2026-W39', last: '2026-W46', count: 8 });
    expect(report.signals).toBe(fixture.reviews.length);
    expect(report.analyzer).toBe(ANALYZER);
  });
});

describe('when there is nothing to read', () => {
  it('says to run congruence first when no signal is stored', async () => {
    const error = await suggestTerms(profile, { store: storeFor(), analyzer: ANALYZER }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoSignalsToSuggestFromError);
    expect((error as Error).message).toMatch(/no signals are stored for Larkspur Kitchen yet.*congruence run/);
  });

  it('says to score first when the signals are stored but not scored by the analyzer', async () => {
    const store = storeFor();
    await store.saveNewSignals([makeSignal({ key: 'only', sourceId: 'reviews', text: 'Our waiter was lovely.' })], RETAIN_DAYS);
    const error = await suggestTerms(profile, { store, analyzer: ANALYZER }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoSignalsToSuggestFromError);
    expect((error as Error).message).toMatch(/none is scored by local@.*congruence score/);
  });
});
