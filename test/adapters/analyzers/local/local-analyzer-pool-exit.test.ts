// The pool's threads never keep a process alive once its work is done, whatever the order of events:
// a scheduled `congruence run` that never exits would hold the data directory locked for ever.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToExit } from '#test/support/process';

const CHILD = join(import.meta.dirname, 'idle-pool-process.ts');

describe('local analyzer pool and process exit', () => {
  it.each([
    ['threads started but never used, never closed', 'started-never-used'],
    ['threads still loading when the work ends, never closed', 'still-loading'],
    ['threads that answered a batch, never closed', 'used'],
    ['the pool closed while its threads were still loading', 'closed-while-loading'],
  ])('lets the process exit by itself, its work done: %s', async (_label, scenario) => {
    const outcome = await runToExit(['--import', 'tsx', CHILD, scenario], { deadlineMs: 20_000 });
    expect(outcome.timedOut, `the process was still alive after 20 s; stderr: ${outcome.stderr}`).toBe(false);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toBe('done\n');
  });
});
