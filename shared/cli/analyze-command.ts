// `congruence analyze`: the analyzer on your own sentences. Reads texts one a line (a file, or
// standard input), sends them to the analyzer in batches, and prints each line's label and scores;
// with a brand profile, also the values each line mentions, matched by the code scoring uses, and
// the sentiment of their sentences. Nothing is stored. It is how to see what the analyzer makes of
// the way customers actually write before trusting a week's digest to it.
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { loadProfile } from '#adapters/config/load-profile';
import { bundledWordSenses } from '#adapters/meaning/bundled-word-senses';
import { bundledWordVectors } from '#adapters/meaning/bundled-word-vectors';
import { systemErrorInWords } from '#adapters/feeds/errors';
import {
  valueSentimentOf,
  type Analyzer,
  type AnalyzerDocument,
  type DocumentAnalysis,
  type Sentiment,
  type SentimentScores,
} from '#domain/analyzer';
import { normaliseWhitespace } from '#domain/plain-text';
import {
  createValueMatcher,
  isByMeaning,
  matchedByText,
  type MatchedBy,
  type ValueMatch,
} from '#domain/value-matching';
import { AnalyzeUsageError } from './errors';
import { EXIT } from './exit-codes';
import { analyzerFor, type AnalyzerName } from '#adapters/analyzers/analyzer-factory';

export interface AnalyzeCommandOptions {
  /** One text a line; standard input when undefined or "-". */
  file?: string;
  /** A brand profile: also show the values each line mentions. */
  config?: string;
  analyzer: AnalyzerName;
  /** ISO 639-1 code of the lines; the profile's brand.language with --config; otherwise left to the analyzer. */
  language?: string;
  /** Match values on their aspect words only, without the semantic step (to see what the words alone find). */
  termsOnly?: boolean;
  json?: boolean;
}

/** Lines sent to the analyzer per call: small enough to print as they come, large enough for the pool's threads. */
export const ANALYZE_BATCH_SIZE = 200;

/** A line of input and its number in the input, blank lines counted. */
export interface InputLine {
  line: number;
  text: string;
}

/** What a value mentioned by a line gets: its sentences (or clauses) with their sentiment, and its own. */
export interface ValueSentiment {
  valueId: string;
  /** The words that made the match (value-matching.ts). */
  matchedBy: MatchedBy[];
  sentiment: Sentiment;
  sentences: Array<{ text: string; sentiment: Sentiment }>;
}

export type LineAnalysis =
  | {
      line: number;
      text: string;
      status: 'analysed';
      sentiment: Sentiment;
      /** Only with a brand profile: the values the line mentions, in the profile's order. */
      values?: ValueSentiment[];
    }
  | { line: number; text: string; status: 'not-analysed'; reason: string };

// The same codes as a profile's languages (shared/domain/profile.ts).
const LanguageOptionSchema = z
  .string()
  .regex(/^[a-z]{2}(-[A-Za-z]{2,4})?$/, 'use an ISO 639-1 language code such as "en" or "pt-BR"');

/** At most this many line numbers are listed in the closing summary; a long file may fail on thousands. */
const LISTED_LINE_NUMBERS = 10;

export async function runAnalyze(options: AnalyzeCommandOptions): Promise<number> {
  try {
    const profile = options.config === undefined ? undefined : loadProfile(options.config).profile;
    const language = languageOption(options.language) ?? profile?.brand.language;
    const lines = await openLines(options.file);
    const analyzer = analyzerFor(options.analyzer);
    try {
      const matchValues = profile
        ? createValueMatcher(
            profile.values,
            options.termsOnly ? {} : { vectors: bundledWordVectors(), senses: bundledWordSenses() },
          )
        : undefined;
      const tally = await printAnalyses(analyzeLines(lines, { analyzer, matchValues, language }), options);
      return finish(tally, options);
    } finally {
      await analyzer.close?.();
    }
  } catch (error) {
    if (!(error instanceof AnalyzeUsageError)) throw error;
    process.stderr.write(`congruence analyze: ${error.message}\n`);
    return error.exitCode;
  }
}

function languageOption(language: string | undefined): string | undefined {
  if (language === undefined) return undefined;
  const parsed = LanguageOptionSchema.safeParse(language);
  if (!parsed.success)
    throw new AnalyzeUsageError(`--language ${language}: ${parsed.error.issues[0]?.message ?? 'not a language code'}`);
  return parsed.data;
}

/**
 * The lines of a file, or of standard input for no file or "-". The file is opened here, so a wrong
 * path is reported before the analyzer starts; its lines are read as they are consumed.
 */
export async function openLines(file: string | undefined): Promise<AsyncIterable<InputLine>> {
  if (file === undefined || file === '-') {
    if (process.stdin.isTTY) process.stderr.write('Reading texts from standard input, one a line; end with Ctrl-D.\n');
    return numbered(process.stdin);
  }
  const handle = await open(file).catch((error: unknown) => {
    throw inputFileError(file, (error as NodeJS.ErrnoException).code, (error as Error).message);
  });
  // Opening a folder succeeds; reading it is what fails, after the analyzer has started.
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw inputFileError(file, 'EISDIR', 'is a folder');
  }
  return numbered(handle.createReadStream({ encoding: 'utf8' }));
}

function inputFileError(file: string, code: string | undefined, message: string): AnalyzeUsageError {
  const problem =
    code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file}: ${systemErrorInWords(code, message)}`;
  return new AnalyzeUsageError(`${problem}; check the path, or give - to read standard input`);
}

async function* numbered(input: NodeJS.ReadableStream): AsyncGenerator<InputLine> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    yield { line, text };
  }
}

export interface AnalyzeLinesDeps {
  analyzer: Analyzer;
  /** The profile's value matcher: each line then gets the values it mentions. */
  matchValues?: (text: string) => ValueMatch[];
  language?: string;
  batchSize?: number;
}

/**
 * Analyses lines a batch at a time and yields each line's analysis in input order, so a long input
 * is never held whole, nor its results. Blank lines are passed over; every other line yields exactly
 * one analysis, with the reason when it could not be analysed.
 */
export async function* analyzeLines(
  lines: AsyncIterable<InputLine>,
  deps: AnalyzeLinesDeps,
): AsyncGenerator<LineAnalysis> {
  const batchSize = Math.max(1, deps.batchSize ?? ANALYZE_BATCH_SIZE);
  let batch: InputLine[] = [];
  for await (const input of lines) {
    if (input.text.trim() === '') continue;
    batch.push(input);
    if (batch.length < batchSize) continue;
    yield* await analyzeBatch(batch, deps);
    batch = [];
  }
  if (batch.length > 0) yield* await analyzeBatch(batch, deps);
}

interface PreparedLine {
  input: InputLine;
  document: AnalyzerDocument;
  matches: ValueMatch[];
}

async function analyzeBatch(batch: InputLine[], deps: AnalyzeLinesDeps): Promise<LineAnalysis[]> {
  // The text as ingestion would store it: control and zero-width characters gone, white space folded.
  const lines = batch.map((input) => ({ line: input.line, text: normaliseWhitespace(input.text) }));
  const prepared = lines.filter((input) => input.text !== '').map((input) => prepareLine(input, deps));
  const { results } =
    prepared.length > 0 ? await deps.analyzer.analyze(prepared.map((each) => each.document)) : { results: [] };
  const byId = new Map(results.map((result) => [result.id, result]));
  const byLine = new Map(prepared.map((each) => [each.input.line, each]));
  return lines.map((input): LineAnalysis => {
    const line = byLine.get(input.line);
    if (!line) return notAnalysed(input, 'nothing to analyse: the line holds only invisible or control characters');
    return lineAnalysis(line, byId.get(line.document.id), deps.matchValues !== undefined);
  });
}

function prepareLine(input: InputLine, deps: AnalyzeLinesDeps): PreparedLine {
  const matches = deps.matchValues?.(input.text) ?? [];
  const sentences = [...new Set(matches.flatMap((match) => match.excerpts))];
  return { input, matches, document: { id: String(input.line), text: input.text, language: deps.language, sentences } };
}

function notAnalysed(input: InputLine, reason: string): LineAnalysis {
  return { line: input.line, text: input.text, status: 'not-analysed', reason };
}

function lineAnalysis(line: PreparedLine, result: DocumentAnalysis | undefined, withValues: boolean): LineAnalysis {
  if (!result)
    return notAnalysed(
      line.input,
      'the analyzer gave no result for this line; run again, and report it if it keeps happening',
    );
  if (result.status === 'skipped') {
    return notAnalysed(
      line.input,
      result.retryable ? `${result.reason}; a passing failure: run again later` : result.reason,
    );
  }
  const analysis: LineAnalysis = {
    line: line.input.line,
    text: line.input.text,
    status: 'analysed',
    sentiment: result.sentiment,
  };
  return withValues ? { ...analysis, values: valueSentiments(line, result) } : analysis;
}

/**
 * Each mentioned value with its sentences' sentiment, and its own as scoring stores it in a value
 * mention (shared/app/score.ts): the mean of the sentences that take a side, or of all of them when
 * none does; a sentence the analyzer gave no sentiment of its own takes the line's.
 */
function valueSentiments(
  line: PreparedLine,
  result: Extract<DocumentAnalysis, { status: 'scored' }>,
): ValueSentiment[] {
  const ownSentiment = new Map(
    line.document.sentences.map((sentence, index) => [sentence, result.sentences[index]?.sentiment]),
  );
  return line.matches.map((match) => {
    const sentences = match.excerpts.map((text) => ({ text, sentiment: ownSentiment.get(text) ?? result.sentiment }));
    return {
      valueId: match.valueId,
      matchedBy: match.matchedBy,
      sentiment: valueSentimentOf(sentences.map((sentence) => sentence.sentiment.scores)),
      sentences,
    };
  });
}

// --- printing ------------------------------------------------------------------------------------

/** "pos 0.03 neg 0.91 neu 0.05 mix 0.01" */
export function scoresText(scores: SentimentScores): string {
  const two = (value: number) => value.toFixed(2);
  return `pos ${two(scores.positive)} neg ${two(scores.negative)} neu ${two(scores.neutral)} mix ${two(scores.mixed)}`;
}

/** The label padded to the widest label, so the scores line up down a file's rows. */
function labelColumn(label: string): string {
  return label.padEnd('NEGATIVE'.length);
}

function sentimentText(sentiment: Sentiment): string {
  return `${labelColumn(sentiment.label)}  ${scoresText(sentiment.scores)}`;
}

/**
 * One line's rows for a person: its label, scores and text; under it, each value it mentions with
 * the value's sentiment and sentence (or, for several sentences, each one on a row of its own).
 */
export function analysisText(analysis: LineAnalysis): string {
  if (analysis.status === 'not-analysed') {
    return `${labelColumn('SKIPPED')}  line ${analysis.line}: ${analysis.reason}${analysis.text === '' ? '' : `  ${analysis.text}`}\n`;
  }
  const rows = [`${sentimentText(analysis.sentiment)}  ${analysis.text}`];
  const values = analysis.values ?? [];
  const idWidth = Math.max(0, ...values.map((value) => value.valueId.length));
  for (const value of values) {
    const head = `  ${value.valueId.padEnd(idWidth)}  ${sentimentText(value.sentiment)}`;
    const [only] = value.sentences;
    if (value.sentences.length === 1 && only) {
      rows.push(`${head}  ${only.text}`);
    } else {
      rows.push(`${head}  (${value.sentences.length} sentences)`);
      for (const sentence of value.sentences) rows.push(`      ${sentimentText(sentence.sentiment)}  ${sentence.text}`);
    }
    // a match on the value's own aspect words explains itself; one by meaning says which words made it
    if (value.matchedBy.some(isByMeaning))
      rows.push(`  ${' '.repeat(idWidth)}  matched by ${matchedByText(value.matchedBy)}`);
  }
  return `${rows.join('\n')}\n`;
}

/** One line's analysis as a JSON object: label and scores under Comprehend's names, or why it was skipped. */
export function analysisJson(analysis: LineAnalysis): Record<string, unknown> {
  const { line, text } = analysis;
  if (analysis.status === 'not-analysed') return { line, text, skipped: analysis.reason };
  const object: Record<string, unknown> = {
    line,
    text,
    label: analysis.sentiment.label,
    scores: analysis.sentiment.scores,
  };
  if (analysis.values) {
    object.values = analysis.values.map((value) => ({
      valueId: value.valueId,
      matchedBy: value.matchedBy,
      sentences: value.sentences.map((sentence) => ({
        text: sentence.text,
        label: sentence.sentiment.label,
        scores: sentence.sentiment.scores,
      })),
      label: value.sentiment.label,
      scores: value.sentiment.scores,
    }));
  }
  return object;
}

interface Tally {
  lines: number;
  notAnalysed: number[];
  /** True when whoever read the output stopped reading (`| head`): the rest is not worth analysing. */
  readerGone: boolean;
}

/** Prints each analysis as it comes, waiting for the reader when the output is slower than the analyzer. */
async function printAnalyses(
  analyses: AsyncIterable<LineAnalysis>,
  options: Pick<AnalyzeCommandOptions, 'json'>,
): Promise<Tally> {
  const tally: Tally = { lines: 0, notAnalysed: [], readerGone: false };
  const out = process.stdout;
  let outputError: NodeJS.ErrnoException | undefined;
  // Stays attached when the reader has gone: a write still queued then fails the same way, harmlessly.
  const onError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') tally.readerGone = true;
    else outputError ??= error;
  };
  out.on('error', onError);
  for await (const analysis of analyses) {
    tally.lines += 1;
    if (analysis.status === 'not-analysed') tally.notAnalysed.push(analysis.line);
    const text = options.json ? `${JSON.stringify(analysisJson(analysis))}\n` : analysisText(analysis);
    if (!out.write(text)) await drainedOrGone(out);
    if (outputError) throw outputError;
    if (tally.readerGone || out.destroyed) {
      tally.readerGone = true;
      break;
    }
  }
  if (!tally.readerGone) out.off('error', onError);
  return tally;
}

/** Resolves when the stream can take more, or is gone (closed, or failed: the error listener records why). */
async function drainedOrGone(out: NodeJS.WritableStream): Promise<void> {
  const done = new AbortController();
  try {
    await Promise.race([once(out, 'drain', { signal: done.signal }), once(out, 'close', { signal: done.signal })]);
  } catch {
    // An 'error' while waiting: printAnalyses' own listener has it.
  } finally {
    done.abort();
  }
}

function finish(tally: Tally, options: Pick<AnalyzeCommandOptions, 'file' | 'json'>): number {
  if (tally.readerGone) return EXIT.ok;
  if (tally.lines === 0) {
    process.stderr.write(
      `congruence analyze: no text in ${options.file === undefined || options.file === '-' ? 'standard input' : options.file}: nothing to analyse\n`,
    );
    return EXIT.ok;
  }
  const failed = tally.notAnalysed.length;
  if (failed === 0) return EXIT.ok;
  const listed = tally.notAnalysed.slice(0, LISTED_LINE_NUMBERS).join(', ');
  const numbers = failed > LISTED_LINE_NUMBERS ? `${listed} and ${failed - LISTED_LINE_NUMBERS} more` : listed;
  const where = options.json ? 'has a "skipped" reason' : 'is marked SKIPPED with its reason';
  process.stderr.write(
    `congruence analyze: ${failed} of ${tally.lines} line${tally.lines === 1 ? '' : 's'} ${failed === 1 ? 'was' : 'were'} not analysed ` +
      `(line${failed === 1 ? '' : 's'} ${numbers}); each ${where}.\n`,
  );
  // Exit 1, as for a run that finished with some sources failed: the rest of the output stands.
  return EXIT.sourcesFailed;
}
