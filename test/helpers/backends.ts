import { randomBytes } from 'node:crypto';
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
