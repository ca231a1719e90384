// Scoring: the queue ingest fills, its dead-letter queue, and the score function reading it in
// batches of ten messages, scored together, with partial batch responses (a failed record is
// retried alone, five times, then parked in the dead-letter queue).
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ICommandHooks, NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { MESSAGES_PER_SCORE_BATCH } from '#adapters/lambda/contract';
import { CongruenceFunction } from './lambda';
import { secureQueue } from './queue';
import type { Store } from './store';

export const SCORE_TIMEOUT = Duration.minutes(1);
/** The queue hides a received message this long: 6 x the function timeout, as Lambda advises. */
export const SCORING_VISIBILITY_TIMEOUT = Duration.seconds(SCORE_TIMEOUT.toSeconds() * 6);
export const MAX_RECEIVE_COUNT = 5;

/** Comprehend's detect APIs take no resource ARN, so these are granted on "*" and nothing else. */
export const COMPREHEND_ACTIONS = [
  'comprehend:BatchDetectSentiment',
  'comprehend:BatchDetectKeyPhrases',
  'comprehend:BatchDetectDominantLanguage',
];

export interface ScoringProps {
  readonly brandId: string;
  readonly store: Store;
}

/** Where the word vectors and senses for matching values by meaning sit in the deployed function (/var/task is the bundle). */
export const WORD_VECTORS_BUNDLE_DIR = '/var/task/word-vectors';
export const WORD_SENSES_BUNDLE_DIR = '/var/task/word-senses';

/** The files of models/ the score function reads at cold start (7 MB), by folder. */
export const SCORE_MODEL_FILES = {
  'word-vectors': ['model.json', 'words.txt', 'vectors.bin'],
  'word-senses': ['model.json', 'senses.txt', 'LICENSE'],
} as const;

/** esbuild bundling hooks that copy those files beside the bundle. */
export function copyScoreModels(): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      Object.entries(SCORE_MODEL_FILES).flatMap(([folder, files]) => [
        `mkdir -p "${outputDir}/${folder}"`,
        ...files.map((file) => `cp "${inputDir}/models/${folder}/${file}" "${outputDir}/${folder}/${file}"`),
      ]),
  };
}

export class Scoring extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly lambdaFunction: NodejsFunction;

  constructor(scope: Construct, id: string, props: ScoringProps) {
    super(scope, id);
    this.deadLetterQueue = secureQueue(this, 'DeadLetterQueue');
    this.queue = secureQueue(this, 'Queue', {
      visibilityTimeout: SCORING_VISIBILITY_TIMEOUT,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
    });
    const score = new CongruenceFunction(this, 'Score', {
      name: 'score',
      description: 'Congruence: score queued signals with Amazon Comprehend and match them to brand values',
      memorySize: 1024,
      timeout: SCORE_TIMEOUT,
      environment: {
        TABLE_NAME: props.store.table.tableName,
        BRAND_ID: props.brandId,
        WORD_VECTORS_DIR: WORD_VECTORS_BUNDLE_DIR,
        WORD_SENSES_DIR: WORD_SENSES_BUNDLE_DIR,
      },
      commandHooks: copyScoreModels(),
    });
    this.lambdaFunction = score.lambdaFunction;
    props.store.grantReadWrite(this.lambdaFunction);
    this.lambdaFunction.addToRolePolicy(new iam.PolicyStatement({ actions: COMPREHEND_ACTIONS, resources: ['*'] }));
    Validations.of(score.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Amazon Comprehend BatchDetectSentiment, BatchDetectKeyPhrases and BatchDetectDominantLanguage have no resource type, so IAM only accepts "*"; the statement lists exactly these three actions.',
    });
    this.lambdaFunction.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: MESSAGES_PER_SCORE_BATCH,
        reportBatchItemFailures: true,
        // Two concurrent batches keep Comprehend's per-second quotas out of reach.
        maxConcurrency: 2,
      }),
    );
  }
}
