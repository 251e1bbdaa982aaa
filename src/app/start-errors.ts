import { join } from 'node:path';
import type { AppConfig } from '../config/load.js';
import type { Env } from '../config/env.js';
import { RedisUnavailableError } from '../queue/redis-bootstrap.js';
import { redact } from '../store/open.js';
import type { Redis } from 'ioredis';

/**
 * What an operator reads when a start fails on what it depends on: one line that says what is
 * wrong, where the value came from (the variable, or the key and its file) and what to do. The
 * bare causes ("connect ECONNREFUSED", "role does not exist") told neither.
 */

/** Where a deployment value came from: the environment variable when it is set, else the file's key. */
function origin(config: AppConfig, env: Env, variable: string, file: string, key: string): string {
  return env[variable] ? variable : `${key} in ${join(config.dir, file)}`;
}

/** Redis configured (REDIS_URL or queue.redis_url) that does not answer. Other errors pass unchanged. */
export function redisStartError(err: unknown, config: AppConfig, env: Env): unknown {
  const url = config.queue.redis_url;
  if (!(err instanceof RedisUnavailableError) || !url) return err;
  const from = origin(config, env, 'REDIS_URL', 'queue.yaml', 'queue.redis_url');
  return new RedisUnavailableError(
    `Redis at ${redact(url)} (${from}) does not answer: start Redis there, or set ${from} to a Redis that answers ` +
      '(without it, outage-radar uses 127.0.0.1:6379 or starts redis-server itself)',
  );
}

/**
 * The database number of the Redis URL (`redis://host:6379/9`), checked once: when ioredis's
 * switch to it fails, that is only an "error" event, so a start on `/99` ran with every worker failing
 * ("ERR DB index is out of range") forever instead of saying so.
 */
export async function checkRedisDatabase(redis: Pick<Redis, 'select' | 'options'>, config: AppConfig, env: Env): Promise<void> {
  const db = redis.options.db ?? 0;
  if (!db) return;
  const url = config.queue.redis_url ?? `database ${db}`;
  await redis.select(db).catch((err: Error) => {
    const from = origin(config, env, 'REDIS_URL', 'queue.yaml', 'queue.redis_url');
    throw new RedisUnavailableError(
      `Redis at ${redact(url)} (${from}) refuses database ${db}: ${err.message}; give a database number this Redis has (redis.conf "databases"), or none`,
    );
  });
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** PostgreSQL error codes a wrong URL gives, with what to do about each. */
const ADVICE: Record<string, (from: string) => string> = {
  '28P01': (from) => `correct the user and password in ${from}`,
  '28000': (from) => `correct the user in ${from}, or let PostgreSQL accept it (pg_hba.conf)`,
  '3D000': (from) => `create the database (createdb), or name an existing one in ${from}`,
};

/** PostgreSQL (DATABASE_URL or storage.database_url) that cannot be used. Other errors pass unchanged. */
export function databaseStartError(err: unknown, config: AppConfig, env: Env): unknown {
  const url = config.storage.database_url;
  if (!url || !(err instanceof Error) || !/^cannot reach PostgreSQL/.test(err.message)) return err;
  const cause = err.cause as { code?: string; message?: string } | undefined;
  const from = origin(config, env, 'DATABASE_URL', 'storage.yaml', 'storage.database_url');
  const why = cause?.message ?? err.message;
  const advice = cause?.code ? ADVICE[cause.code] : undefined;
  if (advice) return new DatabaseUnavailableError(`PostgreSQL at ${redact(url)} (${from}) refused: ${why}; ${advice(from)}`);
  return new DatabaseUnavailableError(
    `cannot reach PostgreSQL at ${redact(url)} (${from}): ${why}; start PostgreSQL there or correct ${from} ` +
      '(without it, outage-radar uses its embedded database in the data folder, for one process)',
  );
}
