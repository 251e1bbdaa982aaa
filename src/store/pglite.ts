import { PGlite, type Transaction } from '@electric-sql/pglite';
import { storableParams, type Db, type Row } from './db.js';
import { acquireLock } from './lock-file.js';

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(q: Queryable, root: PGlite | null, release: () => void): Db {
  return {
    kind: 'pglite',
    async query<T extends Row = Row>(sql: string, params: unknown[] = []) {
      const r = await q.query<T>(sql, storableParams(params));
      return r.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      // PGlite is one connection: a nested transaction reuses the outer one.
      if (!root) return fn(wrap(q, null, release));
      return root.transaction((tx) => fn(wrap(tx, null, release)));
    },
    async close() {
      if (root && !root.closed) await root.close();
      release();
    },
  };
}

/** Embedded PGlite. `dataDir` null means in memory (tests); a folder is owned via a lock file. */
export async function openPglite(dataDir: string | null): Promise<Db> {
  const release = dataDir ? acquireLock(dataDir) : () => {};
  try {
    const db = dataDir ? new PGlite(dataDir) : new PGlite();
    await db.waitReady;
    return wrap(db, db, release);
  } catch (err) {
    release();
    throw err;
  }
}
