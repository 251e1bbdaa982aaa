import type { ConfigProblem } from './yaml-file.js';
import type { ServerConfig, StorageConfig, QueueConfig } from './schema.js';

export type Env = Record<string, string | undefined>;

/**
 * The process's environment. The one read of `process.env` in src/ (entry points pass it on),
 * so everything else is given the variables it uses and tests can give others.
 */
export function processEnv(): Env {
  return process.env;
}

/** LOG_LEVEL: `info` (default), `debug`, `warn`, `silent`. */
export function logLevelOf(env: Env, fallback = 'info'): string {
  return env.LOG_LEVEL ?? fallback;
}

/**
 * Environment overrides for deployment values. The only place outside config/ files that
 * configuration comes from; nothing else reads process.env.
 *
 * | variable | overrides |
 * | PORT, HOST, PUBLIC_URL | server.port, server.host, server.public_url |
 * | DATABASE_URL, DATA_DIR | storage.database_url, storage.data_dir |
 * | REDIS_URL, QUEUE_PREFIX | queue.redis_url, queue.prefix |
 * | X_BEARER_TOKEN | X API credentials (no config file key: secrets stay out of the repo) |
 * | X_API_BASE_URL | where the X API is (a local server in tests and replay); default api.x.com |
 */
export function applyEnv<T extends { server: ServerConfig; storage: StorageConfig; queue: QueueConfig }>(
  cfg: T,
  env: Env,
  problems: ConfigProblem[],
): T & { secrets: { xBearerToken: string | null; xApiBaseUrl: string | null } } {
  const server = { ...cfg.server };
  const storage = { ...cfg.storage };
  const queue = { ...cfg.queue };
  if (env.PORT !== undefined) {
    const port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push({ file: 'environment', path: 'PORT', message: `not a port number: "${env.PORT}"` });
    else server.port = port;
  }
  if (env.HOST) server.host = env.HOST;
  if (env.PUBLIC_URL) {
    if (!/^https?:\/\/[^\s]+$/.test(env.PUBLIC_URL)) problems.push({ file: 'environment', path: 'PUBLIC_URL', message: 'not an http(s) URL' });
    else server.public_url = env.PUBLIC_URL;
  }
  if (env.DATA_DIR) storage.data_dir = env.DATA_DIR;
  if (env.DATABASE_URL) {
    if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) problems.push({ file: 'environment', path: 'DATABASE_URL', message: 'not a postgres:// URL' });
    else storage.database_url = env.DATABASE_URL;
  }
  if (env.REDIS_URL) {
    if (!/^rediss?:\/\//.test(env.REDIS_URL)) problems.push({ file: 'environment', path: 'REDIS_URL', message: 'not a redis:// URL' });
    else queue.redis_url = env.REDIS_URL;
  }
  if (env.QUEUE_PREFIX) queue.prefix = env.QUEUE_PREFIX;
  return { ...cfg, server, storage, queue, secrets: { xBearerToken: env.X_BEARER_TOKEN || null, xApiBaseUrl: env.X_API_BASE_URL || null } };
}
