import { describe, it, expect } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { ownDatabase } from '../helpers/backends.js';

/**
 * Regression (scale-out): processes started together on a new PostgreSQL database (a deployment's
 * API nodes and workers) each ran `CREATE TABLE IF NOT EXISTS schema_migrations` before taking
 * the migration lock, and PostgreSQL does not serialise that statement against itself: most of
 * them died at start with 'duplicate key value violates unique constraint
 * "pg_type_typname_nsp_index"'. Six stores opening at once on each of a few new databases.
 */
describe('migrations when several processes open a new PostgreSQL database at once', () => {
  it('when six open it together, then every one opens, and each migration is applied once', async () => {
    for (let round = 0; round < 3; round++) {
      const database = await ownDatabase('or_migrate');
      try {
        const opened = await Promise.allSettled(Array.from({ length: 6 }, () => openStore({ data_dir: '.', database_url: database.url })));
        const dbs = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
        try {
          expect(opened.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []))).toEqual([]);
          const rows = await dbs[0]!.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
          expect(rows.map((r) => Number(r.id))).toEqual(MIGRATIONS.map((m) => m.id));
        } finally {
          await Promise.all(dbs.map((db) => db.close()));
        }
      } finally {
        await database.drop();
      }
    }
  });
});
