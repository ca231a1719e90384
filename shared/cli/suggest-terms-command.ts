// `congruence suggest-terms`: the words customers use for each declared value that its aspects do
// not list yet, and the largest themes no value covers, read from the local store. It prints a
// report for marketing ops (or JSON) and writes nothing: the good words are pasted into brand.yaml
// by a person.
import { bundledWordSenses } from '#adapters/meaning/bundled-word-senses';
import { bundledWordVectors } from '#adapters/meaning/bundled-word-vectors';
import { InvalidArgumentError } from 'commander';
import { loadProfile } from '#adapters/config/load-profile';
import { countText } from '#adapters/digest/wording';
import { NoSignalsToSuggestFromError } from '#app/errors';
import { suggestTerms, type SuggestTermsReport, type TermSuggestion, type UnmatchedTheme } from '#app/suggest-terms';
import { analyzerKey } from '#domain/analyzer';
import { clip, percent } from '#domain/alignment/wording';
import type { SuggestTermsStore } from '#domain/ports';
import type { Profile } from '#domain/profile';
import { EXIT } from './exit-codes';
import { openLocalStore } from './local-store';
import { createProgress, type Progress } from './progress';
import { analyzerIdentityFor, type AnalyzerName } from '#adapters/analyzers/analyzer-factory';

export interface SuggestTermsCommandOptions {
  config: string;
  dataDir: string;
  analyzer: AnalyzerName;
  weeks: number;
  limit: number;
  json?: boolean;
}

/** Longest example quoted in the printed report; --json has them whole. */
const EXAMPLE_CHARS = 110;

/** Reads a whole number from `min` to `max` for an option, or says what it expects. */
export function wholeNumberIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/u.test(value.trim()) || number < min || number > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${value}".`);
    }
    return number;
  };
}

export async function runSuggestTerms(options: SuggestTermsCommandOptions): Promise<number> {
  const { profile } = loadProfile(options.config);
  const local = await openLocalStore(options.dataDir, profile.brand.id);
  try {
    const report = await suggestWithProgress(profile, local.store, options);
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : suggestTermsText(report));
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof NoSignalsToSuggestFromError)) throw error;
    process.stderr.write(`congruence: ${error.message}\n`);
    return EXIT.failure;
  } finally {
    await local.close();
  }
}

/** The use case with a progress bar on a terminal while the signals are read through (none with --json). */
async function suggestWithProgress(
  profile: Profile,
  store: SuggestTermsStore,
  options: SuggestTermsCommandOptions,
): Promise<SuggestTermsReport> {
  let progress: Progress | undefined;
  try {
    return await suggestTerms(
      profile,
      // matched by meaning as scoring matches, so that a word it already finds is not proposed
      {
        store,
        analyzer: analyzerKey(analyzerIdentityFor(options.analyzer)),
        meaning: { vectors: bundledWordVectors(), senses: bundledWordSenses() },
      },
      {
        weeks: options.weeks,
        limit: options.limit,
        onProgress: options.json
          ? undefined
          : (done, total) => {
              progress ??= createProgress(total, 'signals');
              progress.update(done, 'reading');
            },
      },
    );
  } finally {
    progress?.stop();
  }
}

/** The report as marketing ops read it: how to use it, then each value's suggestions, then the themes no value covers. */
export function suggestTermsText(report: SuggestTermsReport): string {
  const lines = [
    `Words customers use for ${report.brand}: ${countText(report.signals, 'review or social post', 'reviews and social posts')} ` +
      `of ${report.weeks.first} to ${report.weeks.last} (${countText(report.weeks.count, 'week')}), scored by ${report.analyzer}.`,
    'Nothing was written to brand.yaml. Paste the words whose examples are about the value into that value’s `aspects`;',
    'they count for the signals scored from then on. Run this again to see what the new aspects match.',
    '',
  ];
  for (const value of report.values) {
    lines.push(
      `${value.label} (${value.valueId}): ${countText(value.signals, 'signal')} mention it, by its aspects (${value.aspects.join(', ')}) or by meaning`,
    );
    if (value.suggestions.length === 0) lines.push('  no word is said beside it often enough to suggest one.');
    else lines.push(...suggestionTable(value.suggestions));
    lines.push('');
  }
  lines.push(`Themes no value covers, from the ${countText(report.unmatchedSignals, 'signal')} that mention no value:`);
  if (report.unmatchedThemes.length === 0) lines.push('  none said often enough to list.');
  else lines.push(...themeTable(report.unmatchedThemes));
  lines.push(
    '',
    'signals: reviews and posts saying it beside the value; would add: those saying it that the value’s aspects do not match yet;',
    'negative: share of the signals negative about the value (for themes: negative overall); tie: how many times as often, at least, it is said',
    'beside the value as elsewhere (95% sure).',
  );
  return `${lines.join('\n')}\n`;
}

function suggestionTable(suggestions: readonly TermSuggestion[]): string[] {
  const width = Math.max(4, ...suggestions.map((each) => each.term.length));
  const header = `  ${'term'.padEnd(width)}  signals  would add  negative    tie`;
  return [
    header,
    ...suggestions.flatMap((each) => [
      `  ${each.term.padEnd(width)}  ${String(each.count).padStart(7)}  ${String(each.wouldAdd).padStart(9)}  ${percent(each.negativeShare).padStart(8)}  ${`×${each.strength.toFixed(1)}`.padStart(5)}`,
      ...examplesOf(each.examples),
    ]),
  ];
}

function themeTable(themes: readonly UnmatchedTheme[]): string[] {
  const width = Math.max(5, ...themes.map((each) => each.theme.length));
  return [
    `  ${'theme'.padEnd(width)}  signals  negative`,
    ...themes.flatMap((each) => [
      `  ${each.theme.padEnd(width)}  ${String(each.count).padStart(7)}  ${percent(each.negativeShare).padStart(8)}`,
      ...examplesOf(each.examples),
    ]),
  ];
}

function examplesOf(examples: readonly string[]): string[] {
  return examples.map((example) => `      “${clip(example, EXAMPLE_CHARS)}”`);
}
