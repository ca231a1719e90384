// Profile sync: the onEvent handler of the CDK custom-resource Provider that writes the brand
// profile to the table on every deploy. ResourceProperties.Profile is the profile as a JSON string;
// it is validated with the same schema as the CLI's, so a bad profile fails the deploy with the path
// of the bad field. Delete does nothing: the table, and the profile in it, are retained.
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { z } from 'zod';
import { DynamoStore } from '#adapters/store/dynamo-store';
import { completeProfile, ProfileSchema, type Profile } from '#domain/profile';
import { FUNCTION_ENV } from '#adapters/lambda/contract';
import { InvalidProfileError } from '../errors';
import { createDynamoClient, createLogger, readEnv } from '../runtime';

const env = readEnv(FUNCTION_ENV['profile-sync']);
const client = createDynamoClient(env);
const logger = createLogger('congruence-profile-sync');

/** The profile in the resource's properties, completed; throws naming the bad field's path. */
export function profileFromProperties(properties: Record<string, unknown>): Profile {
  const text = properties.Profile;
  if (typeof text !== 'string')
    throw new InvalidProfileError('ResourceProperties.Profile must be the profile as a JSON string');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidProfileError(`ResourceProperties.Profile is not JSON: ${(error as Error).message}`);
  }
  const parsed = ProfileSchema.safeParse(json);
  if (!parsed.success) throw new InvalidProfileError(`the brand profile is invalid:\n${z.prettifyError(parsed.error)}`);
  return completeProfile(parsed.data);
}

export async function handler(event: CloudFormationCustomResourceEvent, context: Context) {
  logger.addContext(context);
  logger.setCorrelationId(context.awsRequestId);
  if (event.RequestType === 'Delete') {
    logger.info('profile kept: the table is retained', { physicalResourceId: event.PhysicalResourceId });
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const profile = profileFromProperties(event.ResourceProperties);
  const brandId = profile.brand.id;
  await new DynamoStore({ client, tableName: env.TABLE_NAME, brandId }).putProfile(profile, new Date().toISOString());
  logger.info('profile written', { requestType: event.RequestType, brandId, sources: profile.sources.length });
  return { PhysicalResourceId: `profile-${brandId}` };
}
