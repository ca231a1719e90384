// The `congruence` command: argument parsing, progress and printing. The work itself is done by
// the use cases in shared/app with the local adapters chosen here.
import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '#adapters/config/errors';
import { CongruenceError } from '#domain/errors';
import { SENSITIVITIES } from '#domain/alerts/settings';
import { type AlertCommandOptions, instant, runAlert } from './alert-command';
import { runAnalyze } from './analyze-command';
import { EXIT } from './exit-codes';
import { runIngest } from './ingest-command';
import { DEFAULT_OUT_DIR, runDigest } from './digest-command';
import { runAll } from './run-command';
import { ANALYZERS, type AnalyzerName } from '#adapters/analyzers/analyzer-factory';
import { runRebuildRollups } from './rebuild-rollups-command';
import { runScore } from './score-command';
import { runSuggestTerms, type SuggestTermsCommandOptions, wholeNumberIn } from './suggest-terms-command';
import { runValidate } from './validate-command';

export const DEFAULT_CONFIG = 'brand.yaml';
export const DEFAULT_DATA_DIR = '.congruence';

export function buildProgram(): Command {
  const program = new Command('congruence')
    .description('Where what your brand promises and what your customers experience have drifted apart.')
    .version('0.1.0')
    .showHelpAfterError('(run congruence --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) })
    // Throw instead of exiting, so main() maps every usage error to one exit code. Set before the
    // subcommands are added: they copy it when created.
    .exitOverride();

  const configOption = () => new Option('-c, --config <file>', 'brand profile (YAML or JSON)').default(DEFAULT_CONFIG);
  const jsonOption = () => new Option('--json', 'print a machine-readable JSON report on stdout');
  const dataDirOption = () =>
    new Option('-d, --data-dir <dir>', 'where local mode keeps its data').default(DEFAULT_DATA_DIR);

  program
    .command('validate')
    .description('check a brand profile and report every problem as file:line:col  path  message')
    .argument('[file]', 'brand profile to check (default: --config)')
    .addOption(configOption())
    .addOption(jsonOption())
    .action((file: string | undefined, options: { config: string; json?: boolean }) => {
      process.exitCode = runValidate(file ?? options.config, { json: options.json === true });
    });

  program
    .command('ingest')
    .description('read every source and store the new signals')
    .addOption(configOption())
    .addOption(dataDirOption())
    .addOption(new Option('-s, --source <id...>', 'only these sources'))
    .addOption(jsonOption())
    .action(async (options: { config: string; dataDir: string; source?: string[]; json?: boolean }) => {
      process.exitCode = await runIngest(options);
    });

  const analyzerOption = () =>
    new Option('-a, --analyzer <name>', 'local (offline, free) or comprehend (Amazon Comprehend, billed)')
      .choices(ANALYZERS)
      .default('local');

  const outOption = () => new Option('-o, --out <dir>', 'where the digest files are written').default(DEFAULT_OUT_DIR);
  const weekOption = () =>
    new Option('-w, --week <week>', 'ISO week to report, e.g. 2026-W47 (default: the last complete week with signals)');

  type DigestCommandFlags = {
    config: string;
    dataDir: string;
    analyzer: AnalyzerName;
    out: string;
    week?: string;
    json?: boolean;
    send?: boolean;
  };
  const withDigestOptions = (command: Command) =>
    command
      .addOption(configOption())
      .addOption(dataDirOption())
      .addOption(analyzerOption())
      .addOption(outOption())
      .addOption(weekOption())
      .addOption(
        new Option(
          '--send',
          'also e-mail the digest with Amazon SES (AWS credentials and region from the environment)',
        ),
      )
      .addOption(jsonOption());

  withDigestOptions(
    program
      .command('run')
      .description('the main job: ingest every source, score what is new, and write the weekly digest'),
  ).action(async (options: DigestCommandFlags) => {
    process.exitCode = await runAll({ ...options, outDir: options.out });
  });

  withDigestOptions(
    program
      .command('digest')
      .description('compute the alignment of a week and write the digest (HTML, text and .eml) to files'),
  )
    .addOption(
      new Option(
        '--from <week>',
        'with --to: write the digest of every week from this one (a backfill), and a page linking them',
      ),
    )
    .addOption(new Option('--to <week>', 'the last week of a --from range'))
    .action(async (options: DigestCommandFlags & { from?: string; to?: string }) => {
      process.exitCode = await runDigest({ ...options, outDir: options.out });
    });

  program
    .command('score')
    .description('score every stored signal not yet scored by the analyzer, per declared value')
    .addOption(configOption())
    .addOption(dataDirOption())
    .addOption(analyzerOption())
    .addOption(jsonOption())
    .action(async (options: { config: string; dataDir: string; analyzer: AnalyzerName; json?: boolean }) => {
      process.exitCode = await runScore(options);
    });

  program
    .command('alert')
    .description(
      'the alerts that fire now: a surge in a value’s negative mentions on a channel, backlash on social after a brand statement, a review burst; printed, and sent to alerts.channels',
    )
    .addOption(configOption())
    .addOption(dataDirOption())
    .addOption(analyzerOption())
    .addOption(
      new Option('--at <instant>', 'detect as at this instant, e.g. 2026-11-23T06:00:00Z (default: now)').argParser(
        instant,
      ),
    )
    .addOption(
      new Option(
        '--sensitivity <level>',
        'fewer, balanced or more alerts (default: the profile’s alerts.sensitivity)',
      ).choices(SENSITIVITIES),
    )
    .addOption(
      new Option(
        '--hours <n>',
        'the hours looked at, ending with the last whole hour (default: the profile’s alerts.windowHours)',
      ).argParser(wholeNumberIn(1, 168)),
    )
    .addOption(new Option('--dry-run', 'detect and print, send nothing'))
    .addOption(
      new Option(
        '--replay',
        'with --from and --to: run detection at every hour of those days, at each sensitivity, and list what would have been sent (nothing is sent)',
      ),
    )
    .addOption(new Option('--from <day>', 'with --replay: the first day replayed, e.g. 2026-11-01 (digest.timezone)'))
    .addOption(new Option('--to <day>', 'with --replay: the last day replayed, included'))
    .addOption(jsonOption())
    .action(async (options: AlertCommandOptions) => {
      process.exitCode = await runAlert(options);
    });

  program
    .command('rebuild-rollups')
    .description('recompute the weekly rollups the digest reads from the stored scores (after digest.timezone changes)')
    .addOption(configOption())
    .addOption(dataDirOption())
    .addOption(analyzerOption())
    .addOption(jsonOption())
    .action(async (options: { config: string; dataDir: string; analyzer: AnalyzerName; json?: boolean }) => {
      process.exitCode = await runRebuildRollups(options);
    });

  program
    .command('analyze')
    .description('print the sentiment the analyzer gives each line of a file or of standard input (nothing is stored)')
    .argument('[file]', 'text file, one text a line; - or nothing for standard input')
    .addOption(
      new Option(
        '-c, --config <file>',
        'brand profile: also show the values each line mentions, and their sentences’ sentiment',
      ),
    )
    .addOption(analyzerOption())
    .addOption(
      new Option(
        '-l, --language <code>',
        'ISO 639-1 code of the lines, e.g. de (default: the profile’s brand.language with --config, otherwise the analyzer’s own reading)',
      ),
    )
    .addOption(new Option('--json', 'print one JSON object per line on stdout'))
    .addOption(
      new Option('--terms-only', 'with --config: match values on their aspect words only, without matching by meaning'),
    )
    .action(
      async (
        file: string | undefined,
        options: { config?: string; analyzer: AnalyzerName; language?: string; json?: boolean; termsOnly?: boolean },
      ) => {
        process.exitCode = await runAnalyze({ ...options, file });
      },
    );

  program
    .command('suggest-terms')
    .description(
      'suggest the words customers use for each value that its aspects do not list yet, and the themes no value covers (nothing is written)',
    )
    .addOption(configOption())
    .addOption(dataDirOption())
    .addOption(analyzerOption())
    .addOption(
      new Option('--weeks <n>', 'weeks read, ending with the week of the latest stored signal')
        .argParser(wholeNumberIn(1, 520))
        .default(8),
    )
    .addOption(
      new Option('--limit <n>', 'suggestions per value, and themes listed')
        .argParser(wholeNumberIn(1, 100))
        .default(10),
    )
    .addOption(jsonOption())
    .action(async (options: SuggestTermsCommandOptions) => {
      process.exitCode = await runSuggestTerms(options);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with code 0; real usage errors were printed by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    process.stderr.write(`${errorText(error)}\n`);
    // Errors raised on purpose carry their exit code (an invalid config ends with EXIT.invalidConfig);
    // anything else is a failure nothing partial was recorded for.
    return error instanceof CongruenceError ? error.exitCode : EXIT.failure;
  }
}

/**
 * What the user reads: a config error's lines as they are, `file:line:col  path  message` like
 * `congruence validate`'s, so that editors and terminals link them; any other message after the
 * command's name.
 */
function errorText(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  return `congruence: ${(error as Error).message ?? String(error)}`;
}
