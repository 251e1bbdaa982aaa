import { join, resolve } from 'node:path';
import type { StorageConfig } from '../config/schema.js';
import type { Db } from './db.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { migrate } from './migrations.js';

/** Opens the configured store and brings its schema up to date. */
export async function openStore(cfg: StorageConfig, opts: { schema?: string; inMemory?: boolean } = {}): Promise<Db> {
  const db = cfg.database_url
    ? await openPostgres(cfg.database_url, opts.schema).catch((err: Error) => {
        throw new Error(`cannot reach PostgreSQL at ${redact(cfg.database_url!)}: ${err.message}`, { cause: err });
      })
    : await openPglite(opts.inMemory ? null : join(resolve(cfg.data_dir), 'pglite'));
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
