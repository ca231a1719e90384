// Helpers for running a handler as Lambda would: its environment set before the module loads (the
// handlers read env and build clients at cold start), and a Lambda context with a request id.
import type { Context } from 'aws-lambda';
import { vi } from 'vitest';

/** Sets the function's environment, then loads its module afresh: a cold start. */
export async function coldStart<M>(env: Record<string, string>, load: () => Promise<M>): Promise<M> {
  Object.assign(process.env, { AWS_REGION: 'eu-west-1', POWERTOOLS_LOG_LEVEL: 'SILENT', ...env });
  vi.resetModules();
  return load();
}

let invocation = 0;

export function lambdaContext(functionName: string): Context {
  invocation++;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: `request-${invocation}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
