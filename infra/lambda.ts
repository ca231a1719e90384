// One Lambda function the way every Congruence function is built: esbuild-bundled ESM on the
// newest Node.js runtime this aws-cdk-lib knows, ARM, an explicit log group with retention, and a
// role of its own that may write only to that log group (no AWS-managed basic execution policy).
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import type { FunctionEnvironment, FunctionName } from '#adapters/lambda/contract';
import { PROJECT_ROOT } from './paths';

/** Newest Node.js runtime in the installed aws-cdk-lib (cdk-nag AwsSolutions-L1 checks for it). */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * ESM bundles still contain CommonJS dependencies that call require() for Node built-ins; esbuild's
 * ESM output cannot do that without a real `require`, so the banner defines one.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __congruenceCreateRequire } from 'node:module'; const require = __congruenceCreateRequire(import.meta.url);";

/** Packages the Lambda runtime provides and the bundles leave out. */
export const AWS_SDK_EXTERNALS = ['@aws-sdk/*'] as const;

export interface CongruenceFunctionProps<F extends FunctionName> {
  /** Folder under functions/ that holds handler.ts, e.g. "ingest". */
  readonly name: F;
  readonly description: string;
  /** Megabytes; Lambda gives CPU in proportion. */
  readonly memorySize: number;
  readonly timeout: Duration;
  /** What the handler checks at cold start (shared/adapters/lambda/contract.ts). */
  readonly environment: FunctionEnvironment<F>;
  /**
   * How long the function's log group keeps its logs.
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * esbuild bundling hooks, e.g. to copy files beside the bundle.
   * @default - none: the bundle holds only the handler and its dependencies
   */
  readonly commandHooks?: ICommandHooks;
}

export class CongruenceFunction<F extends FunctionName = FunctionName> extends Construct {
  readonly lambdaFunction: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CongruenceFunctionProps<F>) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Congruence ${props.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.lambdaFunction = new NodejsFunction(this, 'Function', {
      entry: join(PROJECT_ROOT, 'functions', props.name, 'handler.ts'),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // Stack traces point into functions/ and shared/ through the bundled source map.
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // The AWS SDK v3 comes with the Lambda Node.js runtime: leaving it out keeps every bundle
        // under 1 MB (bench/bundles.ts measures both ways). Everything else is bundled.
        externalModules: [...AWS_SDK_EXTERNALS],
        ...(props.commandHooks ? { commandHooks: props.commandHooks } : {}),
      },
    });
  }
}
