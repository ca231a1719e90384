// Crash safety of local mode: a real `congruence` process is SIGKILLed in the middle of ingestion
// (while it reads page 3 of a paged Reddit search) and in the middle of scoring (at one of its Amazon
// Comprehend calls); the same command is run again, and the store it leaves must hold exactly what
// an uninterrupted run stores: the same signals, scores and value mentions, none twice, none missing.
// The kill points are requests to fake upstreams on 127.0.0.1 (./fake-upstreams), not product hooks.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COMPREHEND_ANALYZER_VERSION } from '#adapters/analyzers/comprehend/comprehend-analyzer';
import { loadProfile } from '#adapters/config/load-profile';
import { DynamoStore, type TimeRange } from '#adapters/store/dynamo-store';
import { startLocalDynamo } from '#adapters/store/local-dynamo';
import { DEFAULT_TABLE_NAME } from '#adapters/store/table';
import type { IngestReport } from '#app/ingest';
import { documentText, type ScoreReport } from '#app/score';
import { analyzerKey } from '#domain/analyzer';
import type { Profile } from '#domain/profile';
import type { Signal } from '#domain/signal';
import type { SignalScore } from '#domain/signal-score';
import type { ValueMention } from '#domain/value-mention';
import {
  isOffBrandPost,
  POSTS_PER_PAGE,
  REDDIT_PAGES,
  REDDIT_QUERY,
  startFakeComprehend,
  startFakeReddit,
  type FakeComprehend,
  type FakeReddit,
} from '#test/support/fake-upstreams';

const REPO = process.cwd();
const BIN = join(REPO, 'bin/congruence.js');
const TIMEOUT = 120_000;
/** The pid lock file local mode keeps in the data directory (shared/adapters/store/local-dynamo.ts). */
const LOCK_FILE = 'congruence.lock';

const REDDIT = 'reddit-mentions';
const REVIEWS = 'shop-reviews';
const REVIEW_ROWS = 60;
const KILL_ON_PAGE = 3;
/** The scoring run dies when it sends this BatchDetectSentiment call: several chunks stored, most not. */
const KILL_ON_SENTIMENT_CALL = 9;
const ANALYZER = analyzerKey({ name: 'comprehend', version: COMPREHEND_ANALYZER_VERSION });
/** Covers every fixture date (2026-09-10 .. 2026-10-31) and crosses a month boundary. */
const RANGE: TimeRange = { from: '2026-08-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

const onBrandPostsBefore = (page: number) =>
  Array.from({ length: (page - 1) * POSTS_PER_PAGE }, (_, n) => n).filter((n) => !isOffBrandPost(n)).length;
const REDDIT_SIGNALS = onBrandPostsBefore(REDDIT_PAGES + 1);
const TOTAL_SIGNALS = REDDIT_SIGNALS + REVIEW_ROWS;

// ---- fixtures -----------------------------------------------------------------------------------

function reviewsCsv(): string {
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

function brandYaml(redditOrigin: string): string {
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

interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const children = new Set<ChildProcess>();
const tempDirs: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/**
 * Runs `congruence <args>` as its own process; `started` gets its pid as soon as it exists, before it
 * can make any request (that is when a kill point is armed).
 */
function congruence(args: string[], env: NodeJS.ProcessEnv, started?: (pid: number) => void): Promise<CliRun> {
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
function killLeftoverChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}

// ---- reading a data directory -------------------------------------------------------------------

interface StoreContents {
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
async function readStore(dataDir: string, profile: Profile): Promise<StoreContents> {
  const local = await startLocalDynamo({ dataDir, tableName: DEFAULT_TABLE_NAME });
  try {
    const store = new DynamoStore({ client: local.client, tableName: DEFAULT_TABLE_NAME, brandId: profile.brand.id });
    const signalsBySource: Record<string, Signal[]> = {};
    for (const source of profile.sources) signalsBySource[source.id] = await store.signalsBySource(source.id, RANGE);
    const mentions: ValueMention[] = [];
    for (const value of profile.values) mentions.push(...(await store.valueMentionsBetween(value.id, RANGE, ANALYZER)));
    return {
      signalsBySource,
      signalsBetween: await store.signalsBetween(RANGE),
      scores: await store.scoresBetween(RANGE, ANALYZER),
      mentions,
      itemTypes: await countItemTypes(local.client),
    };
  } finally {
    await local.close();
  }
}

async function countItemTypes(client: DynamoDBClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: DEFAULT_TABLE_NAME,
        ProjectionExpression: '#type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const type = item.type?.S ?? '(none)';
      counts[type] = (counts[type] ?? 0) + 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return counts;
}

const allSignals = (contents: StoreContents) => Object.values(contents.signalsBySource).flat();

/** Ids that occur more than once. */
function repeated(ids: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(ids.filter((id) => seen.has(id) || !seen.add(id)))];
}

/** A signal's content: everything but when it was fetched (the only thing a rerun may change). */
function signalContent({ fetchedAt: _fetchedAt, ...content }: Signal) {
  return content;
}

function scoreContent({ scoredAt: _scoredAt, ...content }: SignalScore) {
  return content;
}

const bySignalId = <T extends { signalId: string }>(list: T[]) =>
  [...list].sort((a, b) => a.signalId.localeCompare(b.signalId));
const mentionKey = (mention: ValueMention) => `${mention.signalId}/${mention.valueId}`;

/** The store is whole: no signal, score or mention twice, and every index reads the same signals. */
function expectNoDuplicates(contents: StoreContents): void {
  expect(repeated(allSignals(contents).map((signal) => signal.id))).toEqual([]);
  expect(repeated(contents.signalsBetween.map((signal) => signal.id))).toEqual([]);
  expect(repeated(contents.scores.map((score) => score.signalId))).toEqual([]);
  expect(repeated(contents.mentions.map(mentionKey))).toEqual([]);
  expect(new Set(contents.signalsBetween.map((signal) => signal.id))).toEqual(
    new Set(allSignals(contents).map((signal) => signal.id)),
  );
}

function expectSameSignals(actual: StoreContents, expected: StoreContents): void {
  const content = (contents: StoreContents) =>
    [...allSignals(contents)].sort((a, b) => a.id.localeCompare(b.id)).map(signalContent);
  expect(allSignals(actual)).toHaveLength(TOTAL_SIGNALS);
  expect(content(actual)).toEqual(content(expected));
  // Every fixture item carries its date, so no signal was dated at fetch time.
  expect(allSignals(actual).every((signal) => signal.publishedAtSource === 'feed')).toBe(true);
}

function expectSameScores(actual: StoreContents, expected: StoreContents): void {
  expect(actual.scores).toHaveLength(TOTAL_SIGNALS);
  expect(bySignalId(actual.scores).map(scoreContent)).toEqual(bySignalId(expected.scores).map(scoreContent));
  const sortedMentions = (contents: StoreContents) =>
    [...contents.mentions].sort((a, b) => mentionKey(a).localeCompare(mentionKey(b)));
  expect(actual.mentions.length).toBeGreaterThan(0);
  expect(sortedMentions(actual)).toEqual(sortedMentions(expected));
}

// ---- the tests ----------------------------------------------------------------------------------

describe('crash safety of local mode (kill -9)', () => {
  let reddit: FakeReddit;
  let comprehend: FakeComprehend;
  let workDir: string;
  let config: string;
  let profile: Profile;
  let env: NodeJS.ProcessEnv;
  /** The store of an uninterrupted ingest then score. */
  let reference: StoreContents;

  const ingestArgs = (dataDir: string) => ['ingest', '--config', config, '--data-dir', dataDir, '--json'];
  const scoreArgs = (dataDir: string) => [
    'score',
    '--config',
    config,
    '--data-dir',
    dataDir,
    '--analyzer',
    'comprehend',
    '--json',
  ];

  beforeAll(async () => {
    reddit = await startFakeReddit();
    comprehend = await startFakeComprehend();
    workDir = tempDir('congruence-crash-');
    writeFileSync(join(workDir, 'reviews.csv'), reviewsCsv());
    config = join(workDir, 'brand.yaml');
    writeFileSync(config, brandYaml(reddit.origin));
    profile = loadProfile(config).profile;
    const isolated = join(workDir, 'no-aws-config');
    env = {
      ...process.env,
      NO_COLOR: '1',
      AWS_ENDPOINT_URL_COMPREHEND: comprehend.origin,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      // Nothing from the machine's own AWS setup may reach the child.
      AWS_CONFIG_FILE: isolated,
      AWS_SHARED_CREDENTIALS_FILE: isolated,
      AWS_PROFILE: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_ENDPOINT_URL: undefined,
    };

    const dataDir = join(workDir, 'reference');
    const ingested = await congruence(ingestArgs(dataDir), env);
    expect(ingested.stderr).toBe('');
    expect(ingested.code).toBe(0);
    const scored = await congruence(scoreArgs(dataDir), env);
    expect(scored.stderr).toBe('');
    expect(scored.code).toBe(0);
    expect((JSON.parse(scored.stdout) as ScoreReport).scored).toBe(TOTAL_SIGNALS);
    reference = await readStore(dataDir, profile);
    expect(allSignals(reference)).toHaveLength(TOTAL_SIGNALS);
    expect(reference.scores).toHaveLength(TOTAL_SIGNALS);
    expectNoDuplicates(reference);
  }, TIMEOUT);

  afterEach(killLeftoverChildren);

  afterAll(async () => {
    killLeftoverChildren();
    await reddit?.close();
    await comprehend?.close();
    for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it(
    'keeps what an ingest killed on page 3 stored, and a rerun completes it with nothing twice or missing',
    async () => {
      const dataDir = join(workDir, 'ingest-killed');
      let victim = 0;
      const killed = await congruence(ingestArgs(dataDir), env, (pid) => {
        victim = pid;
        return reddit.killOnPage(KILL_ON_PAGE, pid);
      });
      expect(killed.signal).toBe('SIGKILL');
      expect(reddit.killed).toBe(true);
      expect(reddit.pagesServed).toContain(KILL_ON_PAGE);
      // The dead process's lock is still there: opening the store below must take it over.
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(victim));

      // Pages 1 and 2 were stored before page 3 was asked for; nothing of pages 3 to 5 was seen.
      const partial = await readStore(dataDir, profile);
      const storedBeforeKill = partial.signalsBySource[REDDIT] ?? [];
      expect(storedBeforeKill).toHaveLength(onBrandPostsBefore(KILL_ON_PAGE));
      expect(storedBeforeKill.length).toBeLessThan(REDDIT_SIGNALS);
      expectNoDuplicates(partial);
      const reviewsBeforeKill = partial.signalsBySource[REVIEWS]?.length ?? 0;

      const rerun = await congruence(ingestArgs(dataDir), env);
      expect(rerun.stderr).toBe('');
      expect(rerun.code).toBe(0);
      const report = JSON.parse(rerun.stdout) as IngestReport;
      expect(report.totals.failed).toBe(0);
      const redditReport = report.sources.find((source) => source.sourceId === REDDIT);
      expect(redditReport).toMatchObject({
        outcome: 'new',
        alreadyStored: storedBeforeKill.length,
        new: REDDIT_SIGNALS - storedBeforeKill.length,
      });
      expect(new Set(redditReport?.newSignalIds)).toEqual(
        new Set(
          (reference.signalsBySource[REDDIT] ?? [])
            .map((signal) => signal.id)
            .filter((id) => !storedBeforeKill.some((signal) => signal.id === id)),
        ),
      );
      // The CSV source ran alongside: finished before the kill (then unchanged now) or completed now.
      const reviewsReport = report.sources.find((source) => source.sourceId === REVIEWS);
      if (reviewsReport?.outcome === 'unchanged') expect(reviewsBeforeKill).toBe(REVIEW_ROWS);
      else
        expect(reviewsReport).toMatchObject({
          outcome: 'new',
          alreadyStored: reviewsBeforeKill,
          new: REVIEW_ROWS - reviewsBeforeKill,
        });

      const recovered = await readStore(dataDir, profile);
      expectNoDuplicates(recovered);
      expectSameSignals(recovered, reference);
      expect(recovered.itemTypes.signal).toBe(reference.itemTypes.signal);
      expect(recovered.itemTypes['signal-seen']).toBe(reference.itemTypes['signal-seen']);
      expect(recovered.itemTypes['source-state']).toBe(reference.itemTypes['source-state']);
    },
    TIMEOUT,
  );

  it(
    'keeps the chunks a scoring run killed mid-way stored, and a rerun scores only the rest, to the same result',
    async () => {
      const dataDir = join(workDir, 'score-killed');
      const ingested = await congruence(ingestArgs(dataDir), env);
      expect(ingested.code).toBe(0);

      const callsBefore = comprehend.calls.length;
      let victim = 0;
      const killed = await congruence(scoreArgs(dataDir), env, (pid) => {
        victim = pid;
        return comprehend.killOnCall('BatchDetectSentiment', KILL_ON_SENTIMENT_CALL, pid);
      });
      expect(killed.signal).toBe('SIGKILL');
      expect(comprehend.killed).toBe(true);
      expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim()).toBe(String(victim));

      const partial = await readStore(dataDir, profile);
      expectNoDuplicates(partial);
      expect(allSignals(partial)).toHaveLength(TOTAL_SIGNALS);
      expect(partial.scores.length).toBeGreaterThan(0);
      expect(partial.scores.length).toBeLessThan(TOTAL_SIGNALS);
      // A score exists only once everything derived from its signal does.
      const mentioned = new Set(partial.mentions.map(mentionKey));
      for (const score of partial.scores) {
        if (score.status === 'scored')
          for (const valueId of score.valueIds) expect(mentioned.has(`${score.signalId}/${valueId}`)).toBe(true);
      }
      // What is stored before the kill is already final: equal to the uninterrupted run's.
      const referenceScores = new Map(reference.scores.map((score) => [score.signalId, scoreContent(score)]));
      for (const score of partial.scores) expect(scoreContent(score)).toEqual(referenceScores.get(score.signalId));
      const scoredBeforeKill = new Set(partial.scores.map((score) => score.signalId));

      const rerunFrom = comprehend.calls.length;
      const rerun = await congruence(scoreArgs(dataDir), env);
      expect(rerun.stderr).toBe('');
      expect(rerun.code).toBe(0);
      const report = JSON.parse(rerun.stdout) as ScoreReport;
      expect(report).toMatchObject({
        analyzer: ANALYZER,
        signals: TOTAL_SIGNALS,
        alreadyScored: scoredBeforeKill.size,
        scored: TOTAL_SIGNALS - scoredBeforeKill.size,
        failed: 0,
        offBrand: 0,
        skipped: {},
      });
      // Only the signals not scored before the kill were sent (and billed) again.
      const rerunDocuments = new Set(
        comprehend.calls
          .slice(rerunFrom)
          .filter((call) => call.operation === 'BatchDetectKeyPhrases')
          .flatMap((call) => call.textList),
      );
      const pendingDocuments = new Set(
        allSignals(partial)
          .filter((signal) => !scoredBeforeKill.has(signal.id))
          .map((signal) => documentText(signal)),
      );
      expect(rerunDocuments).toEqual(pendingDocuments);
      expect(comprehend.calls.length).toBeGreaterThan(callsBefore);

      const recovered = await readStore(dataDir, profile);
      expectNoDuplicates(recovered);
      expectSameSignals(recovered, reference);
      expectSameScores(recovered, reference);
      expect(recovered.itemTypes).toEqual(reference.itemTypes);
    },
    TIMEOUT,
  );
});
