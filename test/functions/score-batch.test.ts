// The score Lambda's batch: every message of an SQS batch scored in one run (signals in a real
// dynalite table, Comprehend a client mock whose requests are checked), so Comprehend gets full
// calls across messages, and the answer names exactly the messages SQS must deliver again.
import {
  BatchDetectKeyPhrasesCommand,
  BatchDetectSentimentCommand,
  type BatchDetectSentimentCommandInput,
} from '@aws-sdk/client-comprehend';
import type { SQSRecord } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createComprehendAnalyzer } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { WEEK_TOTALS } from '#domain/rollup';
import type { Signal } from '#domain/signal';
import { scoreQueueBatch, type ScoreBatchLog } from '#functions/score/score-batch';
import { answerComprehend, sentimentAnswer, useMockedComprehend } from '#test/support/comprehend-fake';
import { useLocalTable } from '#test/support/local-table';
import { makeProfile } from '../support/profile';
import { sqsRecord } from '../support/sqs';
import { RETAIN_DAYS } from '../support/retention';
import { makeSignal } from '../support/signals';

const TABLE = 'congruence-score-batch';
const ANALYZER = 'comprehend@1';
const profile = makeProfile([{ id: 'shop-reviews', kind: 'rss', path: 'reviews.xml', channel: 'review' }]);
const { comprehend, client } = useMockedComprehend({ everyClient: false });
const analyzer = createComprehendAnalyzer({ client, sleep: async () => undefined });
const table = useLocalTable(TABLE);
let store: DynamoStore;
const warnings: Array<Record<string, unknown>> = [];
const infos: Array<Record<string, unknown>> = [];
const log: ScoreBatchLog = {
  info: (_message, details) => infos.push(details),
  warn: (_message, details) => warnings.push(details),
};

beforeAll(async () => {
  store = table.store({ brandId: profile.brand.id });
});
beforeEach(() => {
  warnings.length = 0;
  infos.length = 0;
  answerComprehend(comprehend, { label: () => 'POSITIVE' });
});

/** Every text positive, except those `failing` picks: a passing error, every time. */
const answerSentiment = (failing: (text: string) => boolean) => (input: { TextList?: string[] }) =>
  sentimentAnswer(input.TextList ?? [], { label: () => 'POSITIVE', fails: failing });

/** `count` stored reviews that name no value: one text each for sentiment and for key phrases. */
async function storedReviews(prefix: string, count: number): Promise<Signal[]> {
  const signals = Array.from({ length: count }, (_, index) =>
    makeSignal({ key: `${prefix}-${index}`, title: '', text: `Review ${prefix} number ${index}, a fine ride.` }),
  );
  await store.saveNewSignals(signals, RETAIN_DAYS);
  return signals;
}

/** One message per group of ten signals, as the ingest Lambda could send them. */
function messagesOf(signals: Signal[], prefix: string): SQSRecord[] {
  const records: SQSRecord[] = [];
  for (let start = 0; start < signals.length; start += 10) {
    const signalIds = signals.slice(start, start + 10).map((signal) => signal.id);
    records.push(sqsRecord(`${prefix}-${start / 10}`, JSON.stringify({ signalIds })));
  }
  return records;
}

function sentimentTextLists(): string[][] {
  return comprehend
    .commandCalls(BatchDetectSentimentCommand)
    .map((call) => (call.args[0].input as BatchDetectSentimentCommandInput).TextList ?? []);
}

describe('scoring an SQS batch of scoring messages', () => {
  it('scores the signals of every message in one run: full Comprehend calls across messages', async () => {
    const signals = await storedReviews('full', 30);
    const answer = await scoreQueueBatch(messagesOf(signals, 'full'), profile, { store, analyzer }, log);

    expect(answer.batchItemFailures).toEqual([]);
    // Message by message this would be 3 calls of 10 texts per API; together it is 25 + 5.
    expect(sentimentTextLists().map((texts) => texts.length)).toEqual([25, 5]);
    expect(sentimentTextLists().flat().sort()).toEqual(signals.map((signal) => signal.text).sort());
    expect(
      comprehend.commandCalls(BatchDetectKeyPhrasesCommand).map((call) => call.args[0].input.TextList?.length),
    ).toEqual([25, 5]);
    expect(answer.report?.scored).toBe(30);
    expect(
      await store.scoredSignalIds(
        signals.map((signal) => signal.id),
        ANALYZER,
      ),
    ).toEqual(new Set(signals.map((signal) => signal.id)));
  });

  it('fails only the message holding a signal Comprehend could not score this time, and the malformed one', async () => {
    const signals = await storedReviews('part', 30);
    const stuck = signals[12] as Signal;
    comprehend.on(BatchDetectSentimentCommand).callsFake(answerSentiment((text) => text === stuck.text));
    const records = [...messagesOf(signals, 'part'), sqsRecord('part-bad', '{"signalIds": "not a list"')];

    const answer = await scoreQueueBatch(records, profile, { store, analyzer }, log);

    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'part-bad' }, { itemIdentifier: 'part-1' }]);
    const scored = await store.scoredSignalIds(
      signals.map((signal) => signal.id),
      ANALYZER,
    );
    expect(scored).toEqual(new Set(signals.filter((signal) => signal !== stuck).map((signal) => signal.id)));
    expect(warnings.map((warning) => warning.messageId)).toEqual(['part-bad', 'part-1']);

    // SQS delivers part-1 again: only the signal left unscored reaches Comprehend.
    comprehend.resetHistory();
    comprehend.on(BatchDetectSentimentCommand).callsFake(answerSentiment(() => false));
    const again = await scoreQueueBatch([records[1] as SQSRecord], profile, { store, analyzer }, log);
    expect(again.batchItemFailures).toEqual([]);
    expect(sentimentTextLists()).toEqual([[stuck.text]]);
  });

  it('fails every well-formed message when the run itself fails, and loses none of them', async () => {
    const signals = await storedReviews('down', 20);
    const unreachable = Object.assign(Object.create(store) as DynamoStore, {
      getSignals: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8000')),
    });

    const answer = await scoreQueueBatch(
      [...messagesOf(signals, 'down'), sqsRecord('down-bad', 'not json')],
      profile,
      { store: unreachable, analyzer },
      log,
    );

    expect(answer.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual([
      'down-0',
      'down-1',
      'down-bad',
    ]);
    expect(comprehend.commandCalls(BatchDetectSentimentCommand)).toHaveLength(0);
    expect(warnings.at(-1)).toMatchObject({ messageIds: ['down-0', 'down-1'] });
  });
});

describe('a message delivered twice', () => {
  /** Scored signals the week totals count, over the weeks the reviews were published in. */
  async function countedInRollups(of: DynamoStore): Promise<number> {
    const rollups = await of.rollupsOf(ANALYZER, ['2026-W46'], [WEEK_TOTALS]);
    return rollups.flatMap((rollup) => Object.values(rollup.days).flat()).reduce((sum, day) => sum + day[0], 0);
  }

  it('at once, by two Lambdas, stores each score once and counts each signal once in the rollups', async () => {
    const profileOfItsOwn = { ...profile, brand: { ...profile.brand, id: 'twice-at-once' } };
    const own = table.store({ brandId: 'twice-at-once' });
    const signals = Array.from({ length: 20 }, (_, index) =>
      makeSignal({ key: `twice-${index}`, title: '', text: `Twice delivered review ${index}, a fine ride.` }),
    );
    await own.saveNewSignals(signals, RETAIN_DAYS);
    const records = messagesOf(signals, 'twice');
    const [first, second] = await Promise.all([
      scoreQueueBatch(records, profileOfItsOwn, { store: table.store({ brandId: 'twice-at-once' }), analyzer }, log),
      scoreQueueBatch(records, profileOfItsOwn, { store: table.store({ brandId: 'twice-at-once' }), analyzer }, log),
    ]);
    expect([...first.batchItemFailures, ...second.batchItemFailures]).toEqual([]);
    expect((first.report?.scored ?? 0) + (second.report?.scored ?? 0)).toBe(20);
    expect(await countedInRollups(own)).toBe(20);

    // and again later, as SQS redelivers after a timeout: nothing scored, nothing counted twice
    const later = await scoreQueueBatch(records, profileOfItsOwn, { store: own, analyzer }, log);
    expect(later.report).toMatchObject({ scored: 0, alreadyScored: 20 });
    expect(await countedInRollups(own)).toBe(20);
  });
});

describe('the score batch log', () => {
  it('accounts for every signal it was handed: scored, already scored, or not scored with the reason', async () => {
    const signals = await storedReviews('logged', 3);
    const gone = makeSignal({ key: 'never-stored' }).id;
    const record = sqsRecord('logged-0', JSON.stringify({ signalIds: [...signals.map((signal) => signal.id), gone] }));
    await scoreQueueBatch([record], profile, { store, analyzer }, log);
    expect(infos).toHaveLength(1);
    const [logged] = infos;
    expect(logged).toMatchObject({ signals: 4, scored: 3, alreadyScored: 0, unavailable: 1 });
    expect(logged?.notScored).toEqual([expect.objectContaining({ count: 1 })]);
  });
});

describe('scoring an SQS batch with competitors declared', () => {
  const withCompetitors = makeProfile(
    [
      { id: 'social', kind: 'rss', path: 'social.json', channel: 'social' },
      { id: 'cobalt-reviews', kind: 'rss', path: 'cobalt.xml', channel: 'review', about: 'cobalt' },
    ],
    {
      brand: {
        name: 'Fernhill Bikes',
        aliases: ['Fernhill'],
        competitors: [{ name: 'Cobalt Cycles', id: 'cobalt', aliases: ['Cobalt'] }],
      },
    },
  );

  it('sends each entity’s clause of a shared post to Comprehend on its own, and logs the units per entity', async () => {
    const shared = makeSignal({
      key: 'shared-post',
      sourceId: 'social',
      channel: 'social',
      title: '',
      text: 'Cobalt did my repair for free, but Fernhill charged me for the repair.',
    });
    const theirs = makeSignal({ key: 'their-review', sourceId: 'cobalt-reviews', title: '', text: 'A quick repair.' });
    await store.saveNewSignals([shared, theirs], RETAIN_DAYS);
    answerComprehend(comprehend, { label: (text) => (text.includes('charged') ? 'NEGATIVE' : 'POSITIVE') });

    const answer = await scoreQueueBatch(
      [sqsRecord('competitors-0', JSON.stringify({ signalIds: [shared.id, theirs.id] }))],
      withCompetitors,
      { store, analyzer },
      log,
    );

    expect(answer.batchItemFailures).toEqual([]);
    // the post, each entity's clause of it on its own, and the review (its one sentence is its whole
    // text: the same text is never sent twice)
    expect(sentimentTextLists().flat()).toEqual([
      'Cobalt did my repair for free, but Fernhill charged me for the repair.',
      'Fernhill charged me for the repair.',
      'Cobalt did my repair for free',
      'A quick repair.',
    ]);
    const units = infos.at(-1)?.comprehendUnitsByEntity as Record<string, number>;
    expect(Object.keys(units)).toEqual(['fernhill-bikes', 'cobalt']);
    // the shared post is the brand's to pay for; the competitor's own review is the competitor's
    expect(units.cobalt).toBeGreaterThan(0);
    expect(units['fernhill-bikes']).toBeGreaterThan(0);
    expect((units.cobalt ?? 0) + (units['fernhill-bikes'] ?? 0)).toBe(answer.report?.estimatedComprehendUnits);
  });
});
