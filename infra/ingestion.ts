// Ingestion: the ingest function and one EventBridge Scheduler schedule per configured source.
// Sources read from files (`path`) are copied into the bundle, keeping their paths relative to
// the config, so the function reads the same feeds local mode reads.
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { ICommandHooks, NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';
import { isAbsolute, normalize, posix, relative, sep } from 'node:path';
import { sourcePath, type Profile } from '#domain/profile';
import { parseSchedule, schedulerExpression } from '#domain/schedule';
import { ConstructValidationError } from './errors';
import { CongruenceFunction } from './lambda';
import { type ScheduleEntry, ScheduledInvoke } from './scheduled-invoke';
import type { Store } from './store';

/** Redaction of personal data before storing (privacy.redact); the action has no resource type. */
export const INGEST_COMPREHEND_ACTIONS = ['comprehend:DetectPiiEntities'];

/** Where `path` sources are found inside the deployed function. */
export const SOURCE_FILES_DIR = '/var/task/source-files';
const SOURCE_FILES_FOLDER = 'source-files';

export interface IngestionProps {
  readonly profile: Profile;
  /** Folder the config was read from; `path` sources are relative to it. */
  readonly configDir: string;
  readonly store: Store;
  readonly scoringQueue: sqs.IQueue;
  readonly schedulerDeadLetterQueue: sqs.IQueue;
}

export class Ingestion extends Construct {
  readonly lambdaFunction: NodejsFunction;
  readonly schedules: ScheduledInvoke;

  constructor(scope: Construct, id: string, props: IngestionProps) {
    super(scope, id);
    const { profile } = props;
    // The props are checked before anything is built.
    const schedules = profile.sources.map((source) => sourceSchedule(this, source));
    const files = profile.sources.flatMap((source) => {
      const path = sourcePath(source);
      return path === undefined ? [] : [bundledPath(this, source.id, path)];
    });

    const ingest = new CongruenceFunction(this, 'Ingest', {
      name: 'ingest',
      description: `Congruence: read one source of ${profile.brand.name} and queue new signals for scoring`,
      memorySize: 512,
      timeout: Duration.minutes(2),
      environment: {
        TABLE_NAME: props.store.table.tableName,
        BRAND_ID: profile.brand.id,
        QUEUE_URL: props.scoringQueue.queueUrl,
        SOURCE_FILES_DIR,
      },
      commandHooks: copySourceFiles(props.configDir, files),
    });
    this.lambdaFunction = ingest.lambdaFunction;
    props.store.grantReadWrite(this.lambdaFunction);
    props.scoringQueue.grantSendMessages(this.lambdaFunction);
    if (profile.privacy.redact) {
      this.lambdaFunction.addToRolePolicy(
        new iam.PolicyStatement({ actions: INGEST_COMPREHEND_ACTIONS, resources: ['*'] }),
      );
      Validations.of(ingest.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Amazon Comprehend DetectPiiEntities has no resource type, so IAM only accepts "*"; the statement allows exactly this one action, used to redact personal data before signals are stored.',
      });
    }

    this.schedules = new ScheduledInvoke(this, 'Schedules', {
      lambdaFunction: this.lambdaFunction,
      timezone: profile.digest.timezone,
      deadLetterQueue: props.schedulerDeadLetterQueue,
      schedules,
    });
  }
}

/** The schedule that ingests one source, invoking the function with its id. */
function sourceSchedule(scope: IConstruct, source: Profile['sources'][number]): ScheduleEntry {
  const schedule = parseSchedule(source.schedule);
  // The profile schema refuses schedules parseSchedule cannot read; this guards the invariant.
  if (!schedule)
    throw new ConstructValidationError(`source ${source.id}: unreadable schedule "${source.schedule}"`, scope);
  return {
    id: `Source-${source.id}`,
    description: `Congruence: ingest source ${source.id} (${source.schedule})`,
    expression: schedulerExpression(schedule),
    input: { sourceId: source.id },
  };
}

/** A source file's path inside source-files/, refused when it would leave that folder. */
function bundledPath(scope: IConstruct, sourceId: string, path: string): string {
  const normalized = normalize(path);
  if (isAbsolute(normalized) || normalized === '..' || normalized.startsWith(`..${sep}`)) {
    throw new ConstructValidationError(
      `source ${sourceId}: path "${path}" must stay inside the config's folder to be bundled into the ingest function`,
      scope,
    );
  }
  return normalized.split(sep).join(posix.sep);
}

const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** esbuild bundling hooks that copy each `path` source into <bundle>/source-files/<path>. */
export function copySourceFiles(configDir: string, files: readonly string[]): ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) => {
      // inputDir is the project root; the config folder is addressed relative to it.
      const fromRoot = relative(inputDir, configDir).split(sep).join(posix.sep);
      return files.flatMap((file) => {
        const source = posix.join(inputDir, fromRoot, file);
        const target = posix.join(outputDir, SOURCE_FILES_FOLDER, file);
        return [`mkdir -p ${quote(posix.dirname(target))}`, `cp ${quote(source)} ${quote(target)}`];
      });
    },
  };
}
