// What every handler shares: its environment read once and checked with zod at cold start, the
// DynamoDB client and repository built once per container, a structured JSON logger, and loading
// the deployed profile. Handlers stay the shape: parse event -> adapters -> shared/ -> result.
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import type { BrandTableEnv, TableEnv } from '#adapters/lambda/contract';
import { DynamoStore } from '#adapters/store/dynamo-store';
import type { Profile } from '#domain/profile';
import { ConfigurationError, ProfileMissingError } from './errors';

/** Parses process.env once; a missing or bad variable stops the cold start with its name. */
export function readEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigurationError(
      `function environment is invalid (the stack sets it):\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** One client per container; DYNAMODB_ENDPOINT points it at a local dynalite with dummy credentials. */
export function createDynamoClient(env: z.infer<typeof TableEnv>): DynamoDBClient {
  if (!env.DYNAMODB_ENDPOINT) return new DynamoDBClient({});
  return new DynamoDBClient({
    endpoint: env.DYNAMODB_ENDPOINT,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

export function createStore(env: z.infer<typeof BrandTableEnv>, client = createDynamoClient(env)): DynamoStore {
  return new DynamoStore({ client, tableName: env.TABLE_NAME, brandId: env.BRAND_ID });
}

/** Structured JSON logs; level from POWERTOOLS_LOG_LEVEL. */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}

/** The profile the last deploy wrote; its absence means the stack never ran its profile sync. */
export async function loadStoredProfile(
  store: Pick<DynamoStore, 'getProfile'>,
  env: z.infer<typeof BrandTableEnv>,
): Promise<Profile> {
  const profile = await store.getProfile();
  if (!profile) {
    throw new ProfileMissingError(
      `no profile in table ${env.TABLE_NAME} for brand ${env.BRAND_ID}; deploy the stack to write it`,
    );
  }
  return profile;
}
