// A process that uses the local analyzer pool and then simply ends without closing it, the way a
// command would if it forgot to, or closes it while its threads still load: the test beside it checks
// that the process ends by itself, its work done. The scenario is the first argument.
import { createLocalAnalyzerPool } from '#adapters/analyzers/local/local-analyzer-pool';

const scenario = process.argv[2];
const documents = Array.from({ length: 200 }, (_, index) => ({
  id: `doc-${index}`,
  text: `Review ${index}: the repair was quick and the staff were lovely, but the delivery was late.`,
  sentences: ['The repair was quick.'],
}));
const pool = createLocalAnalyzerPool({ threads: 2, minDocumentsPerThread: 1, threadsAfterDocuments: 0 });

if (scenario === 'started-never-used') {
  // The threads start on this call but are still loading, so the batch is analysed on this thread;
  // waiting for them afterwards leaves two ready threads that never got a task.
  await pool.analyze(documents);
  await pool.ready();
} else if (scenario === 'still-loading') {
  // The process's work ends while the threads are still loading.
  await pool.analyze(documents);
} else if (scenario === 'closed-while-loading') {
  // A command that fails early closes the pool while its threads are still loading: the close must
  // settle, or the command awaiting it is left unsettled when the process runs out of work.
  await pool.analyze(documents);
  // the calling thread stays busy (as scoring on it is) while the threads load
  const until = Date.now() + 3_000;
  while (Date.now() < until) await Promise.resolve();
  await pool.close();
} else if (scenario === 'used') {
  await pool.ready();
  await pool.analyze(documents);
} else {
  throw new Error(`unknown scenario ${scenario}`);
}
process.stdout.write('done\n');
