// CDK app entry (cdk.json: `npx tsx infra/app.ts`). Reads the brand profile named by the `config`
// context (or CONGRUENCE_CONFIG), validates it exactly as `congruence validate` does, and builds
// the stack with the AwsSolutions cdk-nag checks. A bad config prints one line per problem and
// exits 2 (as `congruence validate` does), without a stack trace.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { formatDiagnostic } from '#adapters/config/errors';
import { checkProfileFile } from '#adapters/config/load-profile';
import { EXIT } from '#domain/errors';
import { CongruenceStack } from './stack';

/** The profile the stack deploys when neither the context nor the environment names one. */
export const EXAMPLE_CONFIG = 'examples/fernhill/brand.yaml';

function main(): number {
  const app = new App();
  const contextValue = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const file = contextValue('config') ?? process.env.CONGRUENCE_CONFIG ?? EXAMPLE_CONFIG;
  const alarmEmail = contextValue('alarmEmail') ?? process.env.CONGRUENCE_ALARM_EMAIL;

  const { loaded, diagnostics } = checkProfileFile(file);
  if (!loaded) {
    for (const problem of diagnostics) process.stderr.write(`${formatDiagnostic(problem)}\n`);
    process.stderr.write(
      `${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} in ${file}; nothing synthesized\n`,
    );
    return EXIT.invalidConfig;
  }

  new CongruenceStack(app, contextValue('stackName') ?? `Congruence-${loaded.profile.brand.id}`, {
    profile: loaded.profile,
    configDir: loaded.baseDir,
    ...(alarmEmail ? { alarmEmail } : {}),
    description: `Congruence brand-alignment monitoring for ${loaded.profile.brand.name}`,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
  return EXIT.ok;
}

process.exitCode = main();
