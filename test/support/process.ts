// Runs a program as a real child process and waits for it to end by itself, with a deadline: a test
// of "the process exits" must not hang the suite when it does not, and spawnSync would block the
// event loop that enforces the test's own timeout.
import { spawn } from 'node:child_process';

export interface ProcessOutcome {
  /** Exit code; null when the process was killed at the deadline or by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the process was still running at the deadline and was killed. */
  timedOut: boolean;
}

export function runToExit(
  args: readonly string[],
  options: { cwd?: string; deadlineMs: number; env?: NodeJS.ProcessEnv },
): Promise<ProcessOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const deadline = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.deadlineMs);
    child.on('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
