// One thread of the local analyzer pool (local-analyzer-pool.ts): it runs the same single-threaded
// analyzer on the slices of batches the pool sends, and answers each task with its results in
// input order. The messages are structured clones between our own two modules, not outside input.
import { parentPort } from 'node:worker_threads';
import type { AnalyzerDocument, DocumentAnalysis } from '#domain/analyzer';
import { createLocalAnalyzer } from './local-analyzer';

export interface PoolTask {
  taskId: number;
  documents: AnalyzerDocument[];
}

export type PoolAnswer =
  | { ready: true }
  | { taskId: number; results: DocumentAnalysis[] }
  | { taskId: number; error: string };

const analyzer = createLocalAnalyzer();
// Loading the language model takes a moment: done before the thread says it is ready, so that the
// pool keeps analysing on the calling thread meanwhile instead of waiting.
await analyzer.analyze([{ id: 'warm-up', text: 'Ready.', sentences: ['Ready.'] }]);
parentPort?.postMessage({ ready: true } satisfies PoolAnswer);

parentPort?.on('message', (task: PoolTask) => {
  analyzer.analyze(task.documents).then(
    ({ results }) => parentPort?.postMessage({ taskId: task.taskId, results } satisfies PoolAnswer),
    (error: unknown) =>
      parentPort?.postMessage({
        taskId: task.taskId,
        error: error instanceof Error ? error.message : String(error),
      } satisfies PoolAnswer),
  );
});
