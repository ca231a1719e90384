import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The store's contract: these files run twice, against dynalite (the DynamoDB adapter against a
 * DynamoDB-compatible server) and against local mode's embedded table (test/support/local-table.ts).
 */
const STORE_CONTRACT = [
  'test/adapters/store/dynamo-store.test.ts',
  'test/adapters/store/text-retention.test.ts',
  'test/adapters/store/port-adapters.test.ts',
  'test/adapters/store/table-semantics.test.ts',
  'test/reliability/rollups.test.ts',
  'test/app/review-bursts.test.ts',
  'test/app/alert-sending.test.ts',
];

const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    env,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...STORE_CONTRACT],
          env: { ...env, CONGRUENCE_TEST_STORE: 'dynalite' },
        },
      },
      {
        extends: true,
        test: { name: 'store:dynalite', include: STORE_CONTRACT, env: { ...env, CONGRUENCE_TEST_STORE: 'dynalite' } },
      },
      {
        extends: true,
        test: { name: 'store:embedded', include: STORE_CONTRACT, env: { ...env, CONGRUENCE_TEST_STORE: 'embedded' } },
      },
    ],
  },
});
