// The local analyzer on several cores: the same analyzer (local-analyzer.ts) in worker threads, each
// batch cut into slices of about equal text length, one slice per thread, and the results put back
// in input order. A thread gives exactly the results the single-threaded analyzer gives: it runs the
// same code on the same text.
//
// Threads take a second or two of CPU to start (TypeScript loader, language model), so the pool never
// waits for them: it analyses on the calling thread until it has done `threadsAfterDocuments`
// documents, then starts the threads, and goes on analysing on the calling thread until every thread
// says it is ready. A short run (the example brand) therefore never starts a thread, and a long one
// moves to all cores after its first batches. Small batches always stay on the calling thread, where
// posting them would cost more than it saves.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { Analyzer, AnalyzerDocument, DocumentAnalysis } from '#domain/analyzer';
import { LocalAnalyzerPoolError } from './errors';
import { createLocalAnalyzer, LOCAL_ANALYZER_VERSION } from './local-analyzer';
import type { PoolAnswer, PoolTask } from './local-analyzer-worker';

export interface LocalAnalyzerPoolOptions {
  /**
   * Worker threads; the machine's available parallelism when omitted. One thread is worth having
   * when the calling thread has other work (ingesting and storing while scoring goes on).
   */
  threads?: number;
  /** A batch is shared out only when every thread gets at least this many documents. */
  minDocumentsPerThread?: number;
  /** Documents analysed on the calling thread before the threads are started. */
  threadsAfterDocuments?: number;
}

export interface LocalAnalyzerPool extends Analyzer {
  readonly threads: number;
  /** Starts the threads and resolves once all are ready (benchmarks and tests; scoring need not wait). */
  ready(): Promise<void>;
  /** Stops the threads; analyze() may still be called afterwards and starts them again. */
  close(): Promise<void>;
}

export const DEFAULT_MIN_DOCUMENTS_PER_THREAD = 25;
/**
 * The young generation of an analyzer thread's heap, where the language model's short-lived objects
 * go. Left to V8 it grows to about 48 MB on a long run, nearly all garbage between collections; at 6
 * MB the end-to-end run peaked 42 MB lower for no measurable loss of speed (docs/performance.md, "Memory").
 */
export const THREAD_YOUNG_GENERATION_MB = 6;
export const DEFAULT_THREADS_AFTER_DOCUMENTS = 1_000;

interface Pending {
  task: PoolTask;
  resolve(results: DocumentAnalysis[]): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  ready: Promise<void>;
  isReady: boolean;
  /** The task it is working on; each thread takes one at a time from the shared queue. */
  current?: Pending;
}

/** Whether threads can help on this machine: more than one core. */
export function hasSeveralCores(): boolean {
  return availableParallelism() > 1;
}

export function createLocalAnalyzerPool(options: LocalAnalyzerPoolOptions = {}): LocalAnalyzerPool {
  const threadCount = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const minPerThread = Math.max(1, options.minDocumentsPerThread ?? DEFAULT_MIN_DOCUMENTS_PER_THREAD);
  const threadsAfter = Math.max(0, options.threadsAfterDocuments ?? DEFAULT_THREADS_AFTER_DOCUMENTS);
  const inline = createLocalAnalyzer();
  let analysedInline = 0;
  const analyzeInline = (documents: AnalyzerDocument[]) => {
    analysedInline += documents.length;
    return inline.analyze(documents);
  };
  const queue: Pending[] = [];
  let threads: Thread[] = [];
  let nextTaskId = 0;

  const startThreads = (): Thread[] => {
    while (threads.length < threadCount) threads.push(startThread());
    return threads;
  };

  const dispatch = (): void => {
    for (const thread of threads) {
      if (!thread.isReady || thread.current) continue;
      const next = queue.shift();
      if (!next) break;
      thread.current = next;
      // A busy thread keeps the process alive until it answers; an idle one does not hold it open.
      thread.worker.ref();
      thread.worker.postMessage(next.task);
    }
  };

  const startThread = (): Thread => {
    const worker = spawnWorker();
    let markReady = (): void => undefined;
    let failToStart = (_error: Error): void => undefined;
    const thread: Thread = {
      worker,
      isReady: false,
      ready: new Promise<void>((resolve, reject) => {
        markReady = resolve;
        failToStart = reject;
      }),
    };
    // Nobody may be waiting for it (scoring does not); a failure then surfaces through analyze().
    thread.ready.catch(() => undefined);
    worker.on('message', (answer: PoolAnswer) => {
      if ('ready' in answer) {
        thread.isReady = true;
        markReady();
        dispatch();
        // Held open only while someone waited for it (ready()); idle, it must not keep the process alive.
        if (!thread.current) worker.unref();
        return;
      }
      const done = thread.current;
      if (!done || done.task.taskId !== answer.taskId) return;
      thread.current = undefined;
      worker.unref();
      if ('error' in answer)
        done.reject(new LocalAnalyzerPoolError(`the local analyzer failed in a worker thread: ${answer.error}`));
      else done.resolve(answer.results);
      dispatch();
    });
    const lost = (why: string) => {
      threads = threads.filter((each) => each !== thread);
      const error = new LocalAnalyzerPoolError(`a local analyzer thread stopped (${why}); its batch was not scored`, {
        retryable: true,
      });
      failToStart(error);
      thread.current?.reject(error);
      thread.current = undefined;
      // Work already handed to the pool would otherwise wait for a thread that is gone.
      for (const pending of queue.splice(0)) pending.reject(error);
    };
    worker.on('error', (error) => lost(error.message));
    worker.on('exit', (code) => {
      if (threads.includes(thread)) lost(`exit code ${code}`);
    });
    // Only now: adding the first 'message' listener refs the thread's port again, so an unref() made
    // before it would not stick, and a thread that started but was never given a task (scoring ended
    // on the calling thread while it was loading) would keep the process alive for ever.
    worker.unref();
    return thread;
  };

  const runOnThread = (documents: AnalyzerDocument[]): Promise<DocumentAnalysis[]> =>
    new Promise((resolve, reject) => {
      queue.push({ task: { taskId: nextTaskId++, documents }, resolve, reject });
      dispatch();
    });

  return {
    name: inline.name,
    version: LOCAL_ANALYZER_VERSION,
    threads: threadCount,
    async analyze(documents) {
      const slices = Math.min(threadCount, Math.floor(documents.length / minPerThread));
      if (slices < 1) return analyzeInline(documents);
      if (threads.length === 0 && analysedInline < threadsAfter) return analyzeInline(documents);
      if (!startThreads().every((thread) => thread.isReady)) return analyzeInline(documents);
      const parts = await Promise.all(slicesOfEqualText(documents, slices).map(runOnThread));
      return { results: parts.flat(), cost: { calls: {}, units: {} } };
    },
    async ready() {
      const started = startThreads();
      // A caller that waits for the threads must be kept alive until they answer.
      for (const thread of started) if (!thread.isReady) thread.worker.ref();
      await Promise.all(started.map((thread) => thread.ready));
    },
    async close() {
      const stopping = threads;
      threads = [];
      const closed = new LocalAnalyzerPoolError('the local analyzer pool was closed');
      for (const pending of [...queue.splice(0), ...stopping.flatMap((thread) => thread.current ?? [])])
        pending.reject(closed);
      // A thread still loading may never report its exit (Node resolves terminate() once the thread
      // has started): it is stopped without waiting, or this close, and whatever awaits it, would be
      // left unsettled when the process runs out of work.
      await Promise.all(
        stopping.map(async (thread) => {
          if (thread.isReady) await thread.worker.terminate();
          else void thread.worker.terminate().catch(() => undefined);
        }),
      );
    },
  };
}

/** `count` consecutive slices of about the same total text length (the analyzer's work grows with it). */
export function slicesOfEqualText<T extends { text: string }>(items: readonly T[], count: number): T[][] {
  const total = items.reduce((sum, item) => sum + item.text.length, 0);
  const slices: T[][] = [];
  let current: T[] = [];
  let done = 0;
  for (const item of items) {
    current.push(item);
    done += item.text.length;
    if (slices.length < count - 1 && done >= (total * (slices.length + 1)) / count) {
      slices.push(current);
      current = [];
    }
  }
  if (current.length > 0) slices.push(current);
  return slices;
}

/**
 * Starts one worker thread on local-analyzer-worker, beside this file: beside the compiled bundle when
 * the CLI runs compiled (bin/compiled.js builds the worker next to it). From TypeScript sources (tsx,
 * vitest, CONGRUENCE_FROM_SOURCE=1) a new thread has no TypeScript loader: a loader registered through
 * tsx's API is not inherited, and `--import` in a worker's execArgv is ignored. So the thread starts
 * on a two-line ES module that registers tsx's loader (found from tsx's package.json, since a data:
 * URL cannot resolve a bare specifier) and then imports the worker.
 */
function spawnWorker(): Worker {
  const here = import.meta.url;
  const extension = extname(fileURLToPath(here));
  const workerUrl = new URL(`./local-analyzer-worker${extension}`, here);
  const resourceLimits = { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB };
  if (extension !== '.ts') return new Worker(workerUrl, { resourceLimits });
  const bootstrap = `import { register } from ${JSON.stringify(tsxApiUrl(here))};\nregister();\nawait import(${JSON.stringify(workerUrl.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { execArgv: [], resourceLimits });
}

/** The file URL of tsx's ESM API (`tsx/esm/api`, import condition). */
function tsxApiUrl(from: string): string {
  const packageJsonPath = createRequire(from).resolve('tsx/package.json');
  const manifest = TsxManifestSchema.parse(JSON.parse(readFileSync(packageJsonPath, 'utf8')));
  return pathToFileURL(join(dirname(packageJsonPath), manifest.exports['./esm/api'].import.default)).href;
}

const TsxManifestSchema = z.object({
  exports: z.object({ './esm/api': z.object({ import: z.object({ default: z.string() }) }) }),
});
