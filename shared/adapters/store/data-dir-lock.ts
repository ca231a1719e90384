// Local mode's hold on its data directory: a lock file with the pid of the process that has the store
// open. The store on disk allows one process at a time (dynalite's LevelDB refuses a second one where
// nothing can catch it; the embedded table's journal would be written by two at once), so a second
// process is refused with a clear error, and a lock whose process is gone (killed, crashed) is taken over.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalStoreError } from './errors';

/** The lock file in the data directory. */
export const LOCK_FILE = 'congruence.lock';

/** Takes the data directory for this process; returns what releases it. */
export function lockDataDir(dir: string): () => void {
  const lockFile = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
        throw new LocalStoreError(
          `the data directory ${dir} is in use by another congruence process (pid ${holder}); ` +
            'wait for it to finish or pass another --data-dir',
        );
      }
      if (holder === process.pid) {
        throw new LocalStoreError(`the data directory ${dir} is already open in this process`);
      }
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new LocalStoreError(`could not lock the data directory ${dir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
