import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` one level at a time. Node's `mkdirSync(dir, { recursive: true })` never returns when
 * mkdir answers ENOENT under a parent that exists (`/proc/nope`: procfs refuses new entries), so
 * DATA_DIR there spun at 75 % CPU with no output. Here the first refusal is thrown, once, with
 * the folder it was for and what sets it (`what`, such as "DATA_DIR, or storage.data_dir").
 */
export function makeDirs(dir: string, what: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d);) {
    missing.unshift(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue; // made meanwhile by another process
      throw new Error(`cannot create the folder ${resolve(dir)} (${what}): ${(err as Error).message}`, { cause: err });
    }
  }
}
