// `congruence validate`: every problem in a brand profile, one line each, and a non-zero exit.
import { formatDiagnostic } from '#adapters/config/errors';
import { checkProfileFile } from '#adapters/config/load-profile';
import { plural } from '#domain/alignment/wording';
import { EXIT } from './exit-codes';

export function runValidate(file: string, options: { json: boolean }): number {
  const { loaded, diagnostics } = checkProfileFile(file);
  const profile = loaded?.profile;
  const competitors = profile?.brand.competitors.length ?? 0;
  const summary = profile
    ? `brand "${profile.brand.name}"${competitors > 0 ? ` against ${plural(competitors, 'competitor')}` : ''}, ` +
      `${plural(profile.values.length, 'value')}, ${plural(profile.sources.length, 'source')}`
    : undefined;
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ file, valid: profile !== undefined, summary, problems: diagnostics }, null, 2)}\n`,
    );
  } else if (profile) {
    process.stdout.write(`${file}: valid (${summary})\n`);
  } else {
    for (const problem of diagnostics) process.stderr.write(`${formatDiagnostic(problem)}\n`);
    const count = diagnostics.length;
    process.stderr.write(`${count} problem${count === 1 ? '' : 's'} in ${file}\n`);
  }
  return profile ? EXIT.ok : EXIT.invalidConfig;
}
