import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/store/db.js';
import { openStore } from '../../src/store/open.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const uniqueName = (p: string) => `${p}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

/** Both store backends: embedded PGlite in memory, and PostgreSQL in a fresh schema per test file. */
export const backends: Array<{ name: string; open: () => Promise<{ db: Db; drop: () => Promise<void> }> }> = [
  {
    name: 'pglite',
    open: async () => {
      const db = await openStore({ data_dir: '.', database_url: null }, { inMemory: true });
      return { db, drop: () => db.close() };
    },
  },
  {
    name: 'postgres',
    open: async () => {
      const schema = uniqueName('t');
      const db = await openStore({ data_dir: '.', database_url: TEST_DATABASE_URL }, { schema });
      return {
        db,
        drop: async () => {
          await db.exec(`DROP SCHEMA ${schema} CASCADE`);
          await db.close();
        },
      };
    },
  },
];

/**
 * A new database of the test's own on the shared PostgreSQL (`prefix` and a unique tail), for
 * what a schema cannot isolate: separate processes (openStore's schema option is not theirs to
 * take), advisory locks (per database), a first migration. `drop` ends the sessions a killed
 * process left behind.
 */
export async function ownDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = uniqueName(prefix);
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
