import pg from 'pg';
import { asStoreError, storableParams, type Db, type Row } from './db.js';

// timestamptz and int8 as the repositories expect them: Dates and numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/** A lost connection is said as such (StoreUnavailableError: the API's 503), not as a bug. */
function reach<R>(p: Promise<R>): Promise<R> {
  return p.catch((err: unknown) => {
    throw asStoreError(err);
  });
}

function wrapClient(c: pg.PoolClient): Db {
  return {
    kind: 'postgres',
    async query<T extends Row = Row>(sql: string, params: unknown[] = []) {
      return (await reach(c.query(sql, storableParams(params)))).rows as T[];
    },
    async exec(sql: string) {
      await reach(c.query(sql));
    },
    transaction: (fn) => fn(wrapClient(c)), // already inside one
    async close() {},
  };
}

/**
 * PostgreSQL through a pool. `schema` isolates a deployment or a test run in its own schema
 * (created if missing), so tests can share one server.
 */
export async function openPostgres(url: string, schema?: string): Promise<Db> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  // The schema is set for every connection at connect time, so no query can run before it.
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  pool.on('error', () => {}); // an idle client's error is surfaced on its next use
  if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  // Check the connection now, so a wrong URL fails at start with a clear message.
  const c = await pool.connect();
  c.release();
  return {
    kind: 'postgres',
    async query<T extends Row = Row>(sql: string, params: unknown[] = []) {
      return (await reach(pool.query(sql, storableParams(params)))).rows as T[];
    },
    async exec(sql: string) {
      await reach(pool.query(sql));
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>) {
      const c = await reach(pool.connect());
      try {
        await c.query('BEGIN');
        const out = await fn(wrapClient(c));
        await c.query('COMMIT');
        return out;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        c.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
