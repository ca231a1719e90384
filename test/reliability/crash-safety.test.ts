// Crash safety of local mode: a real `congruence` process is SIGKILLed in the middle of ingestion
// (while it reads page 3 of a paged Reddit search) and in the middle of scoring (at one of its Amazon
// Comprehend calls); the same command is run again, and the store it leaves must hold exactly what
// an uninterrupted run stores: the same signals, scores and value mentions, none twice, none missing.
// The kill points are requests to fake upstreams on 127.0.0.1 (#test/support/fake-upstreams), not
// product hooks.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '#adapters/config/load-profile';
import type { IngestReport } from '#app/ingest';
import { documentText, type ScoreReport } from '#app/score';
import type { Profile } from '#domain/profile';
import {
  startFakeComprehend,
  startFakeReddit,
  type FakeComprehend,
  type FakeReddit,
} from '#test/support/fake-upstreams';
import {
  TIMEOUT,
  LOCK_FILE,
  REDDIT,
  REVIEWS,
  REVIEW_ROWS,
  KILL_ON_PAGE,
  KILL_ON_SENTIMENT_CALL,
  ANALYZER,
  onBrandPostsBefore,
  REDDIT_SIGNALS,
  TOTAL_SIGNALS,
  reviewsCsv,
  brandYaml,
  tempDirs,
  tempDir,
  congruence,
  killLeftoverChildren,
  type StoreContents,
  readStore,
  allSignals,
  scoreContent,
  mentionKey,
  expectNoDuplicates,
  expectSameSignals,
  expectSameScores,
} from './crash-harness';

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
