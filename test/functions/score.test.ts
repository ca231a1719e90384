// The score Lambda on an SQS batch: signals stored in a real dynalite table, Comprehend mocked and
// answering per text, and the batchItemFailures answer that makes SQS redeliver only what failed.
import { join } from 'node:path';
import { BatchDetectKeyPhrasesCommand, BatchDetectSentimentCommand } from '@aws-sdk/client-comprehend';
import type { SQSEvent } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectorRegistry } from '#adapters/feeds/connectors';
import type { DynamoStore } from '#adapters/store/dynamo-store';
import { ingest } from '#app/ingest';
import { makeProfile } from '../support/profile';
import { sqsRecord } from '../support/sqs';
import { answerComprehend, useMockedComprehend } from '#test/support/comprehend-fake';
import { coldStart, lambdaContext } from '#test/support/lambda';
import { useLocalTable } from '#test/support/local-table';

const TABLE = 'congruence-fn-score';
const ANALYZER = 'comprehend@1';
const profile = makeProfile([{ id: 'social', kind: 'rss', path: 'rss1-social.rdf', channel: 'social' }]);
const { comprehend } = useMockedComprehend();
const table = useLocalTable(TABLE);
let store: DynamoStore;
let signalIds: string[];
let handler: typeof import('#functions/score/handler').handler;

beforeAll(async () => {
  store = table.store({ brandId: profile.brand.id });
  await store.putProfile(profile, new Date().toISOString());
  const report = await ingest(profile, {
    store,
    connectorFor: connectorRegistry({ baseDir: join(process.cwd(), 'test/fixtures/feeds') }),
  });
  signalIds = report.sources.flatMap((source) => source.newSignalIds);
  ({ handler } = await coldStart(
    // the stack copies models/word-vectors/ beside the bundle; here they are read where a clone has them
    {
      TABLE_NAME: TABLE,
      BRAND_ID: profile.brand.id,
      DYNAMODB_ENDPOINT: table.endpoint,
      WORD_VECTORS_DIR: join(process.cwd(), 'models/word-vectors'),
      WORD_SENSES_DIR: join(process.cwd(), 'models/word-senses'),
    },
    () => import('#functions/score/handler'),
  ));
});
beforeEach(() => {
  answerComprehend(comprehend, {
    label: (text) => (text.includes('Loving') ? 'POSITIVE' : 'NEGATIVE'),
    keyPhrases: (text) => [{ Text: text.slice(0, 12), Score: 0.99, BeginOffset: 0, EndOffset: 12 }],
  });
});

describe('the score Lambda on an SQS batch', () => {
  it('fails a record whose signals Comprehend could not score yet, so SQS delivers it again', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    comprehend.on(BatchDetectSentimentCommand).rejects(throttled).on(BatchDetectKeyPhrasesCommand).rejects(throttled);
    const answer = await handler(
      {
        Records: [
          sqsRecord('msg-0', JSON.stringify({ signalIds })),
          sqsRecord('msg-ok', JSON.stringify({ signalIds: ['unknown-id'] })),
        ],
      },
      lambdaContext('score'),
    );
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-0' }] });
    expect((await store.scoredSignalIds(signalIds, ANALYZER)).size).toBe(0);
  });

  it('reports only the poisoned record as failed and scores the others', async () => {
    const [first, second] = signalIds;
    expect(signalIds).toHaveLength(2);
    const event: SQSEvent = {
      Records: [
        sqsRecord('msg-1', JSON.stringify({ signalIds: [first] })),
        sqsRecord('msg-2', '{"signalIds": "not a list"'),
        sqsRecord('msg-3', JSON.stringify({ signalIds: [second] })),
      ],
    };
    const answer = await handler(event, lambdaContext('score'));
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-2' }] });
    expect(await store.scoredSignalIds(signalIds, ANALYZER)).toEqual(new Set(signalIds));
    expect(comprehend).toHaveReceivedCommand(BatchDetectSentimentCommand);
  });

  it('fails a record whose body is JSON of the wrong shape, and skips signals already scored', async () => {
    const answer = await handler(
      {
        Records: [
          sqsRecord('msg-4', JSON.stringify({ ids: signalIds })),
          sqsRecord('msg-5', JSON.stringify({ signalIds })),
        ],
      },
      lambdaContext('score'),
    );
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-4' }] });
    expect(comprehend).not.toHaveReceivedCommand(BatchDetectSentimentCommand);
  });
});
