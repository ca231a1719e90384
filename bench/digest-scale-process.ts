// The digest scale benchmark's child processes (see digest-scale.ts), one per step so that each
// step's memory is its own:
//   populate - fills a local store (local mode's table, persisted in a data directory, opened as
//              local mode opens it) with 12 weeks of a synthetic brand at N signals a week;
//   digest   - opens that store and times buildDigest and writing the digest files, sampling memory;
//              then the alerts' detection as the hourly alert function runs it, at the same clock.
// Each writes its figures as JSON to the file the parent names.
//
// What populate stores. The digest reads every one of its 12 weeks as weekly rollups, and per-signal
// items only in its last weeks: scores and reviews of the last ALIGNMENT_RULES.reputationWeeks (5),
// value mentions and social posts of the last 4, and the brand's statements over all 12. So:
//   weeks 1-7  hold only their rollups (rollupsOf over the week's synthetic scores and mentions,
//              generated a chunk at a time, written with replaceRollups), and the brand's
//              statements as signals: that is all the digest reads of them;
//   weeks 8-12 are stored through the store's own calls, as ingest and scoring store them:
//              saveNewSignals, then storeScores a batch at a time (mentions, claimed scores,
//              rollup deltas), then the deltas compacted, so the items are exactly the pipeline's.
import { writeFileSync } from 'node:fs';
import { writeDigestFiles } from '#adapters/digest/index';
import { loadProfile } from '#adapters/config/load-profile';
import { detectAlerts } from '#app/alerts';
import { buildDigest, HISTORY_WEEKS, weeksEndingWith } from '#app/digest';
import { searchWeeksForReviewBursts } from '#app/review-bursts';
import { rollupSubjects, storeScores, TouchedRollups } from '#app/rollups';
import { DynamoStore } from '#adapters/store/dynamo-store';
import { openEmbeddedTable } from '#adapters/store/embedded/open';
import { DEFAULT_TABLE_NAME } from '#adapters/store/table';
import { openLocalStore } from '#cli/local-store';
import { ALIGNMENT_RULES } from '#domain/alignment/index';
import type { Profile } from '#domain/profile';
import { textExpiresAt } from '#domain/retention';
import { mergeRollups, type Rollup, rollupsOf } from '#domain/rollup';
import { cpuMsSince, maxRssBytes, progress, residentSplit, RssSampler } from './measure';
import { remoteTable, serveTable } from './table-service';

// Measured as `congruence` runs: compiled, with its heaps limited as bin/congruence.js limits them
// (shared/cli/heap-growth-first.ts, loaded first by digest-scale.ts).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Signals generated and stored at once: one ingest batch, then one score run over it. */
const CHUNK = 1_000;
/** Scores stored at once (storeScores): the batch `congruence score` stores with the local analyzer. */
const SCORE_BATCH = 200;

export interface ScaleProcessArguments {
  /** serve: opens the store's table and serves it on loopback (table-service.ts) until stopped. */
  step: 'populate' | 'digest' | 'serve';
  /** digest: the table served by another process's serve step, as the digest Lambda reaches DynamoDB; the local table in process when absent. */
  tableUrl?: string;
  /** The brand profile, and the analyzer the scores are stored under. */
  profileFile: string;
  analyzer: string;
  dataDir: string;
  outDir: string;
  perWeek: number;
  week: string;
  now: string;
  resultFile: string;
}

export interface PopulateFigures {
  ms: number;
  rollupWeeksMs: number;
  fullWeeksMs: number;
  rollupWeeks: string[];
  fullWeeks: string[];
  /** Signals stored one by one: every signal of the full weeks, and the statements of the rollup weeks. */
  storedSignals: number;
  scores: number;
  mentions: number;
  /** Signals of the rollup weeks, counted only in their rollups. */
  rollupOnlySignals: number;
  /** Rollups stored when done (weeks x subjects holding anything). */
  rollups: number;
  /** The search for review bursts `congruence score` runs when done, over the full weeks' days. */
  burstSearch: { ms: number; days: number; reviewsRead: number; bursts: number };
  maxRssBytes: number;
}

export interface DigestStepFigures {
  /** Opening the local store as local mode does (with its sweep of expired text). */
  openMs: number;
  ms: number;
  cpuMs: number;
  rssBeforeBytes: number;
  /** The digest's peak: the process's high-water mark if the digest raised it, else the sampled peak. */
  peakRssBytes: number;
  sampledPeakRssBytes: number;
  peakAnonymousBytes: number | null;
  fileBytesAtPeak: number | null;
  /** The process's high-water mark before and after the digest (opening the store included). */
  maxRssBeforeBytes: number;
  maxRssAfterBytes: number;
  /** What the digest read one by one (its last weeks) and what it made. */
  values: number;
  divergences: number;
  /** The divergences by kind of flag. */
  divergenceKinds: Record<string, number>;
  files: number;
  weekSignals: number;
  /** The digest's calls to the store, by method: how many, their time (calls run at once add up) and what they returned. */
  storeCalls: Record<string, StoreCallFigures>;
  /** Detecting the alerts at the same clock, after the digest (absent from results recorded before alerts). */
  alerts?: AlertStepFigures;
}

export interface AlertStepFigures {
  ms: number;
  cpuMs: number;
  /** Alerts that fired, by kind. */
  kinds: Record<string, number>;
  /** Its calls to the store, as the digest's: the rollups it judges by, and the posts it quotes. */
  storeCalls: Record<string, StoreCallFigures>;
}

export interface StoreCallFigures {
  calls: number;
  ms: number;
  /** Items returned (array length, set size), where a call returns a list. */
  items: number;
}

/** The store, with every method call timed. */
function timed<T extends object>(store: T, into: Record<string, StoreCallFigures>): T {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return async (...callArgs: unknown[]) => {
        const started = performance.now();
        const result: unknown = await value.apply(target, callArgs);
        const figures = into[property] ?? { calls: 0, ms: 0, items: 0 };
        into[property] = figures;
        figures.calls += 1;
        figures.ms += performance.now() - started;
        figures.items += Array.isArray(result) ? result.length : result instanceof Set ? result.size : 0;
        return result;
      };
    },
  });
}

const args = JSON.parse(process.argv[2] ?? '{}') as ScaleProcessArguments;
const { profile } = loadProfile(args.profileFile);
const analyzer = args.analyzer;
const now = new Date(args.now);
if (args.step === 'serve') await serve();
const figures =
  args.step === 'populate' ? await populate(profile) : args.step === 'digest' ? await digest(profile) : undefined;
writeFileSync(args.resultFile, JSON.stringify(figures));

async function populate(profile: Profile): Promise<PopulateFigures> {
  // The generator reads the example's sentence pools: loaded here only, not in the digest's process.
  const { syntheticWeek } = await import('./digest-scale-data');
  const started = performance.now();
  const zone = profile.digest.timezone;
  const days = profile.retention.signalTextDays;
  const weeks = weeksEndingWith(args.week, HISTORY_WEEKS, zone);
  const rollupWeeks = weeks.slice(0, weeks.length - ALIGNMENT_RULES.reputationWeeks);
  const fullWeeks = weeks.slice(weeks.length - ALIGNMENT_RULES.reputationWeeks);
  const local = await openLocalStore(args.dataDir, profile.brand.id, now);
  const { store } = local;
  const figures: PopulateFigures = {
    ms: 0,
    rollupWeeksMs: 0,
    fullWeeksMs: 0,
    rollupWeeks,
    fullWeeks,
    storedSignals: 0,
    scores: 0,
    mentions: 0,
    rollupOnlySignals: 0,
    rollups: 0,
    burstSearch: { ms: 0, days: 0, reviewsRead: 0, bursts: 0 },
    maxRssBytes: 0,
  };
  try {
    for (const source of profile.sources) {
      await store.putSourceState({
        sourceId: source.id,
        validators: {},
        lastCheckedAt: now.toISOString(),
        lastChangedAt: now.toISOString(),
        lastOutcome: 'new',
        consecutiveFailures: 0,
      });
    }
    const folded = new Map<string, Rollup>();
    for (const week of rollupWeeks) {
      for (const chunk of syntheticWeek(profile, week, args.perWeek, CHUNK)) {
        const signals = new Map(chunk.signals.map((signal) => [signal.id, signal]));
        const rollups = rollupsOf({
          zone,
          analyzer: analyzer,
          scores: chunk.scores,
          mentions: chunk.mentions,
          signals,
          textExpiresAt: (id) => {
            const signal = signals.get(id);
            return signal ? textExpiresAt(signal.fetchedAt, days) : undefined;
          },
        });
        for (const rollup of rollups) {
          const key = `${rollup.week}\u0000${rollup.subject}`;
          const before = folded.get(key);
          folded.set(key, before ? mergeRollups(before, rollup) : rollup);
        }
        const statements = chunk.signals.filter((signal) => signal.channel === 'stance');
        await store.saveNewSignals(statements, days);
        figures.storedSignals += statements.length;
        figures.rollupOnlySignals += chunk.signals.length - statements.length;
      }
      progress(`populate ${args.perWeek}/week: ${week} as rollups`);
    }
    // Replacing deletes every rollup of the analyzer first: before any batch of the full weeks writes its own.
    await store.replaceRollups(analyzer, [...folded.values()]);
    figures.rollupWeeksMs = performance.now() - started;

    const fullStarted = performance.now();
    for (const week of fullWeeks) {
      for (const chunk of syntheticWeek(profile, week, args.perWeek, CHUNK)) {
        await store.saveNewSignals(chunk.signals, days);
        const signals = new Map(chunk.signals.map((signal) => [signal.id, signal]));
        const touched = new TouchedRollups();
        for (let start = 0; start < chunk.scores.length; start += SCORE_BATCH) {
          const scores = chunk.scores.slice(start, start + SCORE_BATCH);
          const ids = new Set(scores.map((score) => score.signalId));
          const { rollups } = await storeScores(store, profile, {
            analyzer: analyzer,
            scores,
            mentions: chunk.mentions.filter((mention) => ids.has(mention.signalId)),
            signals,
            openedAt: now.toISOString(),
          });
          touched.add(rollups);
        }
        await touched.compact(store, analyzer);
        figures.storedSignals += chunk.signals.length;
        figures.scores += chunk.scores.length;
        figures.mentions += chunk.mentions.length;
        if (figures.scores % 20_000 < CHUNK && figures.scores >= 20_000) {
          const elapsed = (performance.now() - fullStarted) / 1000;
          progress(
            `populate ${args.perWeek}/week: ${figures.scores.toLocaleString('en-GB')} signals in ${elapsed.toFixed(1)} s`,
          );
        }
      }
      const elapsed = (performance.now() - fullStarted) / 1000;
      progress(
        `populate ${args.perWeek}/week: ${week} stored one by one; ${figures.scores.toLocaleString('en-GB')} signals ` +
          `in ${elapsed.toFixed(1)} s (${Math.round(figures.scores / elapsed)}/s)`,
      );
    }
    figures.fullWeeksMs = performance.now() - fullStarted;
    // as `congruence score` does once its run is done: the digest then reads the bursts as found
    const searchStarted = performance.now();
    const searched = await searchWeeksForReviewBursts(store, profile, analyzer, fullWeeks, now);
    figures.burstSearch = {
      ms: performance.now() - searchStarted,
      days: searched?.days ?? 0,
      reviewsRead: searched?.reviewsRead ?? 0,
      bursts: searched?.bursts.length ?? 0,
    };
    progress(
      `populate ${args.perWeek}/week: ${figures.burstSearch.days} days searched for review bursts ` +
        `(${figures.burstSearch.reviewsRead.toLocaleString('en-GB')} top-rated reviews) in ${(figures.burstSearch.ms / 1000).toFixed(1)} s`,
    );
    figures.rollups = (await store.rollupsOf(analyzer, weeks, rollupSubjects(profile))).length;
  } finally {
    await local.close();
  }
  figures.ms = performance.now() - started;
  figures.maxRssBytes = maxRssBytes();
  return figures;
}

/**
 * Opens the table as local mode does and serves it until the parent stops this process (SIGTERM);
 * writes where it listens to the result file once it does.
 */
async function serve(): Promise<void> {
  const opened = await openEmbeddedTable({ dataDir: args.dataDir, tableName: DEFAULT_TABLE_NAME });
  const service = await serveTable(opened.table);
  process.once('SIGTERM', () => {
    void service.close().then(() => {
      opened.close();
      process.exit(0);
    });
  });
  writeFileSync(args.resultFile, JSON.stringify({ url: service.url }));
  await new Promise<never>(() => undefined);
}

/** The store the digest reads: local mode's, opened in this process, or the table another process serves. */
async function digestStore(profile: Profile): Promise<{ store: DynamoStore; close(): Promise<void> }> {
  if (args.tableUrl === undefined) return openLocalStore(args.dataDir, profile.brand.id, now);
  const store = new DynamoStore({
    documents: remoteTable(args.tableUrl),
    tableName: DEFAULT_TABLE_NAME,
    brandId: profile.brand.id,
    now: () => now,
  });
  return { store, close: async () => undefined };
}

async function digest(profile: Profile): Promise<DigestStepFigures> {
  const rss = new RssSampler(20);
  const opening = performance.now();
  const local = await digestStore(profile);
  const openMs = performance.now() - opening;
  try {
    rss.enter('digest');
    const rssBeforeBytes = process.memoryUsage.rss();
    const maxRssBeforeBytes = maxRssBytes();
    progress(`digest ${args.perWeek}/week: store open in ${(openMs / 1000).toFixed(1)} s; building the digest`);
    const storeCalls: Record<string, StoreCallFigures> = {};
    const store = timed(local.store, storeCalls);
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const { model, chosen } = await buildDigest(
      profile,
      { store, analyzer, now: () => now, openBatchGraceMs: 0 },
      { week: args.week },
    );
    const files = await writeDigestFiles(model, args.outDir, {
      from: profile.digest.sender,
      to: profile.digest.recipients,
    });
    const ms = performance.now() - wall;
    const cpuMs = cpuMsSince(cpu);
    rss.sample();
    rss.stop();
    const alerts = await timeAlerts(profile, local.store);
    const maxRssAfterBytes = maxRssBytes();
    const sampled = rss.peakOf('digest');
    return {
      openMs,
      ms,
      cpuMs,
      rssBeforeBytes,
      peakRssBytes: maxRssAfterBytes > maxRssBeforeBytes ? maxRssAfterBytes : sampled,
      sampledPeakRssBytes: sampled,
      peakAnonymousBytes: rss.anonymousPeakOf('digest'),
      fileBytesAtPeak: rss.fileAtPeakOf('digest') ?? residentSplit()?.fileBytes ?? null,
      maxRssBeforeBytes,
      maxRssAfterBytes,
      values: model.values.length,
      divergences: model.divergences.length,
      divergenceKinds: model.divergences.reduce<Record<string, number>>((kinds, divergence) => {
        kinds[divergence.kind] = (kinds[divergence.kind] ?? 0) + 1;
        return kinds;
      }, {}),
      files: 3 + files.charts.length,
      weekSignals: chosen.signals,
      storeCalls,
      alerts,
    };
  } finally {
    rss.stop();
    await local.close();
  }
}

/** Detects the alerts as the hourly alert function does, at the benchmark's clock, every store call timed. */
async function timeAlerts(profile: Profile, store: DynamoStore): Promise<AlertStepFigures> {
  const storeCalls: Record<string, StoreCallFigures> = {};
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const detection = await detectAlerts(timed(store, storeCalls), profile, analyzer, { now });
  return {
    ms: performance.now() - wall,
    cpuMs: cpuMsSince(cpu),
    kinds: detection.alerts.reduce<Record<string, number>>((kinds, alert) => {
      kinds[alert.kind] = (kinds[alert.kind] ?? 0) + 1;
      return kinds;
    }, {}),
    storeCalls,
  };
}
