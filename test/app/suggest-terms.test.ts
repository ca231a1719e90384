// The words customers use for each value, and the themes no value covers, read from a real store
// (dynalite) holding reviews we wrote, scored by the real local analyzer.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalAnalyzer } from '#adapters/analyzers/local/local-analyzer';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { score } from '#app/score';
import { NoSignalsToSuggestFromError } from '#app/errors';
import { suggestTerms, tieStrength, type SuggestTermsReport } from '#app/suggest-terms';
import { analyzerKey } from '#domain/analyzer';
import type { Profile } from '#domain/profile';
import type { WordSenses } from '#domain/word-senses';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../support/profile';
import { RETAIN_DAYS } from '../support/retention';
import { makeSignal } from '../support/signals';

const table = useLocalTable();
const analyzer = createLocalAnalyzer();
const ANALYZER = analyzerKey(analyzer);

const profile: Profile = makeProfile(
  [{ id: 'reviews', kind: 'rss', url: 'https://reviews.example/feed', channel: 'review' }],
  {
    brand: { name: 'Larkspur Kitchen', aliases: ['Larkspur'] },
    values: [
      {
        id: 'service',
        label: 'Service that cares',
        promise: 'People who look after you.',
        aspects: ['service', 'staff'],
        expected: { minNetSentiment: 0.3 },
      },
      {
        id: 'food',
        label: 'Food worth the trip',
        promise: 'Cooked fresh every day.',
        aspects: ['food', 'dish'],
        expected: { minNetSentiment: 0.3 },
      },
    ],
  },
);

const fixture = JSON.parse(readFileSync('test/fixtures/suggest-terms/larkspur-reviews.json', 'utf8')) as {
  reviews: string[];
};

/** The fixture's reviews, one every twelve hours from Monday 2 November 2026, stored and scored. */
async function storedAndScored(): Promise<DynamoStore> {
  const store = table.store();
  const signals = fixture.reviews.map((text, index) =>
    makeSignal({
      key: `review-${index}`,
      sourceId: 'reviews',
      title: '',
      text,
      publishedAt: new Date(Date.UTC(2026, 10, 2, 12 * index)).toISOString(),
    }),
  );
  await store.saveNewSignals(signals, RETAIN_DAYS);
  await score(profile, { store, analyzer });
  return store;
}

let report: SuggestTermsReport;
let store: DynamoStore;

beforeAll(async () => {
  store = await storedAndScored();
  report = await suggestTerms(profile, { store, analyzer: ANALYZER });
});

const termsOf = (valueId: string) =>
  report.values.find((value) => value.valueId === valueId)?.suggestions.map((each) => each.term) ?? [];

describe('suggested terms', () => {
  it('proposes a word customers use beside a value’s aspects', () => {
    expect(termsOf('service')).toContain('waiter');
  });

  it('does not propose a word that matching by meaning already ties to the value', async () => {
    // made-up senses in which a waiter means staff: scoring would find those sentences already
    const senses: WordSenses = {
      version: 'test',
      sensesOf: (word) => (word === 'staff' || word === 'waiter' ? ['staff'] : []),
      kindsOf: (word) => (word === 'waiter' ? ['staff', 'person'] : []),
    };
    const byMeaning = await suggestTerms(profile, { store, analyzer: ANALYZER, meaning: { senses } });
    const service = byMeaning.values.find((value) => value.valueId === 'service');
    expect(service).toBeDefined();
    expect(service?.suggestions.map((each) => each.term)).not.toContain('waiter');
  });

  it('gives each suggestion its signals, share negative and two example sentences', () => {
    const waiter = report.values
      .find((value) => value.valueId === 'service')
      ?.suggestions.find((each) => each.term === 'waiter');
    expect(waiter?.count).toBe(6);
    // Two reviews say "waiter" and no service aspect: the word would bring them in.
    expect(waiter?.wouldAdd).toBe(2);
    expect(waiter?.negativeShare).toBeGreaterThan(0);
    expect(waiter?.negativeShare).toBeLessThan(1);
    expect(waiter?.examples).toHaveLength(2);
    expect(waiter?.examples[1]).toBe('Our waiter was useless at explaining the menu.');
  });

  it('proposes only words that would bring in signals the aspects miss', () => {
    // "patient" is said four times, each time beside "staff" or "service": as an aspect it would add nothing.
    expect(termsOf('service')).not.toContain('patient');
    for (const value of report.values) for (const each of value.suggestions) expect(each.wouldAdd).toBeGreaterThan(0);
  });

  it('never proposes a word that judges anything rather than naming the value', () => {
    expect(termsOf('service')).not.toContain('useless');
  });

  it('proposes a word customers say alone that is also part of a longer aspect', async () => {
    const tableService = {
      ...profile,
      values: profile.values.map((value) =>
        value.id === 'service' ? { ...value, aspects: ['staff', 'table service'] } : value,
      ),
    };
    const suggested = await suggestTerms(tableService, { store, analyzer: ANALYZER });
    expect(
      suggested.values.find((value) => value.valueId === 'service')?.suggestions.map((each) => each.term),
    ).toContain('table');
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
    expect(report.weeks).toEqual({ first: '2026-W41', last: '2026-W48', count: 8 });
    expect(report.signals).toBe(fixture.reviews.length);
    expect(report.analyzer).toBe(ANALYZER);
  });
});

describe('how strongly a word is tied to a value', () => {
  it('ties a word said mostly beside the value more strongly than a common word said beside it and everywhere', () => {
    // From customers' posts about an airline's punctuality: "mechanical" against "flight".
    const mechanical = tieStrength(20, 700, 14, 6000);
    const flight = tieStrength(374, 700, 1000, 6000);
    expect(mechanical).toBeGreaterThan(flight);
  });

  it('does not tie a word said as often beside the value as elsewhere', () => {
    expect(tieStrength(70, 700, 600, 6000)).toBeLessThan(1);
  });
});

describe('when there is nothing to read', () => {
  it('says to run congruence first when no signal is stored', async () => {
    const error = await suggestTerms(profile, { store: table.store(), analyzer: ANALYZER }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NoSignalsToSuggestFromError);
    expect((error as Error).message).toMatch(/no signals are stored for Larkspur Kitchen yet.*congruence run/);
  });

  it('says to score first when the signals are stored but not scored by the analyzer', async () => {
    const store = table.store();
    await store.saveNewSignals(
      [makeSignal({ key: 'only', sourceId: 'reviews', text: 'Our waiter was lovely.' })],
      RETAIN_DAYS,
    );
    const error = await suggestTerms(profile, { store, analyzer: ANALYZER }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoSignalsToSuggestFromError);
    expect((error as Error).message).toMatch(/none is scored by local@.*congruence score/);
  });
});
