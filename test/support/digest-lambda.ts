// The digest Lambda's handler for a test: cold-started on a scored store that holds the profile, as
// the profile-sync function leaves it in AWS, with the environment the stack gives it.
import { analyzerKey } from '#domain/analyzer';
import type { Profile } from '#domain/profile';
import { coldStart } from './lambda';
import type { ScoredStore } from './scored-store';

export async function digestLambdaOn(
  scored: ScoredStore,
  profile: Profile,
  moreEnv: Record<string, string> = {},
): Promise<typeof import('#functions/digest/handler').handler> {
  await scored.store().putProfile(profile, new Date().toISOString());
  const { handler } = await coldStart(
    {
      TABLE_NAME: scored.table.name,
      BRAND_ID: profile.brand.id,
      DYNAMODB_ENDPOINT: scored.table.endpoint,
      ANALYZER_KEY: analyzerKey(scored.analyzer),
      ...moreEnv,
    },
    () => import('#functions/digest/handler'),
  );
  return handler;
}
