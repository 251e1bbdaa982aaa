import { openSync, writeSync, closeSync, readFileSync, unlinkSync } from 'node:fs';
import { makeDirs } from '../core/make-dirs.js';
import { join } from 'node:path';

/**
 * PGlite has no lock between processes: a second process opening a live data folder reads
 * stale data and silently loses its writes (docs/decisions.md). So exactly one process owns the folder,
 * proven by an exclusive lock file holding its pid. A lock left by a dead process is taken over.
 */
export class StoreLockedError extends Error {
  override name = 'StoreLockedError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live process that owns the folder, or null (no lock, or its owner is gone). */
export function lockOwner(dir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, LOCK_FILE), 'utf8'));
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
}

const LOCK_FILE = 'owner.lock';

export function acquireLock(dir: string): () => void {
  makeDirs(dir, 'DATA_DIR, or storage.data_dir in storage.yaml');
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A folder that exists but is not ours to write (made by another user, read-only) said only "EACCES … owner.lock".
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
        throw new Error(
          `cannot write in the data folder ${dir} (DATA_DIR, or storage.data_dir in storage.yaml): ${(err as Error).message}; ` +
            'let the user running outage-radar write there, or set DATA_DIR to a folder it can write',
          { cause: err },
        );
      if (code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new StoreLockedError(
          `the embedded database in ${dir} is owned by process ${pid}; run one process (outage-radar start), or set DATABASE_URL to PostgreSQL for several`,
        );
      }
      unlinkSync(file); // stale: its owner is gone
    }
  }
  throw new StoreLockedError(`could not take the lock on ${dir}`);
}
