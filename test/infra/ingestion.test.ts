// The Ingestion construct's refusals: props it cannot build are refused before anything is built,
// with an error scoped to the construct.
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { ConstructValidationError } from '#infra/errors';
import { Ingestion } from '#infra/ingestion';
import { Store } from '#infra/store';
import { makeProfile } from '../support/profile';

describe('Ingestion', () => {
  const ingestion = (path: string) => {
    const stack = new Stack(new App(), 'Test');
    const store = new Store(stack, 'Store');
    const queue = new sqs.Queue(stack, 'Queue');
    return new Ingestion(stack, 'Ingestion', {
      profile: makeProfile([{ id: 'reviews', kind: 'rss', path, channel: 'review' }]),
      configDir: 'examples/fernhill',
      store,
      scoringQueue: queue,
      schedulerDeadLetterQueue: queue,
    });
  };

  it('refuses a path source outside the config folder before building anything, naming the construct', () => {
    for (const path of ['../elsewhere/reviews.rss', '/etc/reviews.rss']) {
      let error: unknown;
      try {
        ingestion(path);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConstructValidationError);
      expect(error).toMatchObject({
        constructPath: 'Test/Ingestion',
        exitCode: 2,
        message: `source reviews: path "${path}" must stay inside the config's folder to be bundled into the ingest function (Test/Ingestion)`,
      });
    }
  });
});
