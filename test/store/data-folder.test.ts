import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock } from '../../src/store/lock-file.js';
import { makeDirs } from '../../src/core/make-dirs.js';

/**
 * Regression (rev-ops #13): DATA_DIR=/proc/nope made start spin at 75 % CPU with no output
 * (Node's recursive mkdirSync never returns when mkdir answers ENOENT under an existing parent).
 */
describe('creating the data folder', () => {
  const base = mkdtempSync(join(tmpdir(), 'or-data-folder-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it.runIf(existsSync('/proc/self'))(
    'when the data folder is under /proc, then taking the lock fails at once with one line naming the folder and DATA_DIR',
    () => {
      expect(() => acquireLock('/proc/nope/pglite')).toThrow(
        /^cannot create the folder \/proc\/nope\/pglite \(DATA_DIR, or storage\.data_dir in storage\.yaml\): ENOENT: .*mkdir '\/proc\/nope'$/,
      );
    },
  );

  it('when a parent is a file, then it fails naming the folder; when the folders are missing, then all are made', () => {
    writeFileSync(join(base, 'afile'), '');
    expect(() => makeDirs(join(base, 'afile', 'pglite'), 'DATA_DIR')).toThrow(/cannot create the folder .*afile\/pglite \(DATA_DIR\): ENOTDIR/);
    makeDirs(join(base, 'a', 'b', 'c'), 'DATA_DIR');
    expect(existsSync(join(base, 'a', 'b', 'c'))).toBe(true);
    makeDirs(join(base, 'a', 'b', 'c'), 'DATA_DIR'); // already there: nothing to do
    const release = acquireLock(join(base, 'x', 'pglite'));
    expect(existsSync(join(base, 'x', 'pglite', 'owner.lock'))).toBe(true);
    release();
  });
});
