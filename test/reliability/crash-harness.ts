// What the crash-safety test uses: the brand and feeds it runs on, a real `congruence` process it can
// kill, and the reading of the data directory a run leaves, compared with an uninterrupted run's.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { COMPREHEND_ANALYZER_VERSION } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import type { DocumentSender } from '#adapters/store/document-sender';
import { DynamoStore, type TimeRange } from '#adapters/store/dynamo-store';
import { openEmbeddedTable } from '#adapters/store/embedded/open';
import { DEFAULT_TABLE_NAME } from '#adapters/store/table';
import { analyzerKey } from '#domain/analyzer';
import type { Profile } from '#domain/profile';
import type { Signal } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import { isOffBrandPost, POSTS_PER_PAGE, REDDIT_PAGES, REDDIT_QUERY } from '#test/support/fake-upstreams';

export const REPO = process.cwd();
export const BIN = join(REPO, 'bin/congruence.js');
export const TIMEOUT = 120_000;
/** The pid lock file local mode keeps in the data directory (shared/adapters/store/data-dir-lock.ts). */
export const LOCK_FILE = 'congruence.lock';

export const REDDIT = 'reddit-mentions';
export const REVIEWS = 'shop-reviews';
export const REVIEW_ROWS = 60;
export const KILL_ON_PAGE = 3;
/** The scoring run dies when it sends this BatchDetectSentiment call: several chunks stored, most not. */
export const KILL_ON_SENTIMENT_CALL = 9;
export const ANALYZER = analyzerKey({ name: 'comprehend', version: COMPREHEND_ANALYZER_VERSION });
/** Covers every fixture date (2026-09-10 .. 2026-10-31) and crosses a month boundary. */
export const RANGE: TimeRange = { from: '2026-08-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

export const onBrandPostsBefore = (page: number) =>
  Array.from({ length: (page - 1) * POSTS_PER_PAGE }, (_, n) => n).filter((n) => !isOffBrandPost(n)).length;
export const REDDIT_SIGNALS = onBrandPostsBefore(REDDIT_PAGES + 1);
export const TOTAL_SIGNALS = REDDIT_SIGNALS + REVIEW_ROWS;

// ---- fixtures -----------------------------------------------------------------------------------

export function reviewsCsv(): string {
  const texts = [
    'The free repair of my Fernhill frame was quick, great work',
    'Delivery took a month and the box was broken',
    'Comfortable saddle, "solid" wheels, nothing to add',
  ];
  const rows = Array.from({ length: REVIEW_ROWS }, (_, r) => {
    const date = new Date(Date.UTC(2026, 8, 10, 9) + r * 19 * 3_600_000).toISOString();
    const text = `${texts[r % texts.length]} (review ${r}).`;
    return [`R${r}`, date, String((r % 5) + 1), `Review ${r}`, `"${text.replaceAll('"', '""')}"`, `Customer ${r}`].join(
      ',',
    );
  });
  return ['id,date,rating,title,text,author', ...rows, ''].join('\n');
}

export function brandYaml(redditOrigin: string): string {
  return `brand: { name: Fernhill Bikes, aliases: [Fernhill] }
values:
  - { id: free-repairs, label: Free repairs, promise: Repaired free for life, aspects: [repair], expected: { minNetSentiment: 0.3 } }
  - { id: fast-delivery, label: Fast delivery, promise: At your door within a week, aspects: [delivery], expected: { minNetSentiment: 0.2 } }
sources:
  - { id: ${REDDIT}, kind: reddit, channel: social, query: ${REDDIT_QUERY}, maxPages: ${REDDIT_PAGES}, baseUrl: "${redditOrigin}" }
  - id: ${REVIEWS}
    kind: csv
    channel: review
    path: reviews.csv
    columns: { id: id, date: date, rating: rating, title: title, text: text, author: author }
digest: { recipients: [brand-team@example.com], sender: congruence@example.com }
network: { allowHosts: ["127.0.0.1"] }
`;
}

// ---- running the CLI ----------------------------------------------------------------------------

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export const children = new Set<ChildProcess>();
export const tempDirs: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/**
 * Runs `congruence <args>` as its own process; `started` gets its pid as soon as it exists, before it
 * can make any request (that is when a kill point is armed).
 */
export function congruence(args: string[], env: NodeJS.ProcessEnv, started?: (pid: number) => void): Promise<CliRun> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  if (child.pid !== undefined) started?.(child.pid);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    // 'close': the process is gone (and reaped) and its output read to the end.
    child.once('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Kills (by pid) whatever CLI process a failed or timed-out test left running. */
export function killLeftoverChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}

// ---- reading a data directory -------------------------------------------------------------------

export interface StoreContents {
  /** Per source, what signalsBySource returns (duplicates included, if any). */
  signalsBySource: Record<string, Signal[]>;
  /** What signalsBetween returns over RANGE. */
  signalsBetween: Signal[];
  scores: SignalScore[];
  mentions: ValueMention[];
  /** Items in the table per `type` attribute (signal, signal-seen, score, value-mention, ...). */
  itemTypes: Record<string, number>;
}

/** Opens a data directory the way the CLI does (and so takes its lock), reads it whole, closes it. */
export async function readStore(dataDir: string, profile: Profile): Promise<StoreContents> {
  const local = await openEmbeddedTable({ dataDir, tableName: DEFAULT_TABLE_NAME });
  try {
    const store = new DynamoStore({ documents: local.table, tableName: DEFAULT_TABLE_NAME, brandId: profile.brand.id });
    const signalsBySource: Record<string, Signal[]> = {};
    for (const source of profile.sources) signalsBySource[source.id] = await store.signalsBySource(source.id, RANGE);
    const mentions: ValueMention[] = [];
    for (const value of profile.values) mentions.push(...(await store.valueMentionsBetween(value.id, RANGE, ANALYZER)));
    return {
      signalsBySource,
      signalsBetween: await store.signalsBetween(RANGE),
      scores: await store.scoresBetween(RANGE, ANALYZER),
      mentions,
      itemTypes: await countItemTypes(local.table),
    };
  } finally {
    local.close();
  }
}

export async function countItemTypes(documents: DocumentSender): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: DEFAULT_TABLE_NAME,
        ProjectionExpression: '#type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const type = typeof item.type === 'string' ? item.type : '(none)';
      counts[type] = (counts[type] ?? 0) + 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return counts;
}

export const allSignals = (contents: StoreContents) => Object.values(contents.signalsBySource).flat();

/** Ids that occur more than once. */
export function repeated(ids: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(ids.filter((id) => seen.has(id) || !seen.add(id)))];
}

/** A signal's content: everything but when it was fetched (the only thing a rerun may change). */
export function signalContent({ fetchedAt: _fetchedAt, ...content }: Signal) {
  return content;
}

export function scoreContent({ scoredAt: _scoredAt, ...content }: SignalScore) {
  return content;
}

export const bySignalId = <T extends { signalId: string }>(list: T[]) =>
  [...list].sort((a, b) => a.signalId.localeCompare(b.signalId));
export const mentionKey = (mention: ValueMention) => `${mention.signalId}/${mention.valueId}`;

/** The store is whole: no signal, score or mention twice, and every index reads the same signals. */
export function expectNoDuplicates(contents: StoreContents): void {
  expect(repeated(allSignals(contents).map((signal) => signal.id))).toEqual([]);
  expect(repeated(contents.signalsBetween.map((signal) => signal.id))).toEqual([]);
  expect(repeated(contents.scores.map((score) => score.signalId))).toEqual([]);
  expect(repeated(contents.mentions.map(mentionKey))).toEqual([]);
  expect(new Set(contents.signalsBetween.map((signal) => signal.id))).toEqual(
    new Set(allSignals(contents).map((signal) => signal.id)),
  );
}

export function expectSameSignals(actual: StoreContents, expected: StoreContents): void {
  const content = (contents: StoreContents) =>
    [...allSignals(contents)].sort((a, b) => a.id.localeCompare(b.id)).map(signalContent);
  expect(allSignals(actual)).toHaveLength(TOTAL_SIGNALS);
  expect(content(actual)).toEqual(content(expected));
  // Every fixture item carries its date, so no signal was dated at fetch time.
  expect(allSignals(actual).every((signal) => signal.publishedAtSource === 'feed')).toBe(true);
}

export function expectSameScores(actual: StoreContents, expected: StoreContents): void {
  expect(actual.scores).toHaveLength(TOTAL_SIGNALS);
  expect(bySignalId(actual.scores).map(scoreContent)).toEqual(bySignalId(expected.scores).map(scoreContent));
  const sortedMentions = (contents: StoreContents) =>
    [...contents.mentions].sort((a, b) => mentionKey(a).localeCompare(mentionKey(b)));
  expect(actual.mentions.length).toBeGreaterThan(0);
  expect(sortedMentions(actual)).toEqual(sortedMentions(expected));
}
