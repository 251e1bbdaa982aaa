import { hostProblem, QUEUE_PREFIX_PATTERN, QUEUE_PREFIX_RULE, type ServerConfig, type StorageConfig, type QueueConfig } from './schema.js';

/** The levels pino knows; the README names the four that matter. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function logLevelProblem(raw: string): string | undefined {
  return (LOG_LEVELS as readonly string[]).includes(raw) ? undefined : `not a log level: "${raw}"; one of info, debug, warn, silent`;
}

/** The deployment values an environment variable may override. */
export interface EnvTarget {
  server: ServerConfig;
  storage: StorageConfig;
  queue: QueueConfig;
}

/**
 * One environment variable, declared once: the loader's override (`set`), `--help`'s list and
 * the README's table (`npm run docs:config`) all come from this list.
 */
export interface EnvVar {
  name: string;
  /** The configuration key it overrides (`server.port`), or null when it is not a file's key. */
  key: string | null;
  /** What it is, for `--help` and the README. */
  description: string;
  /** Sets the value on the target, or returns what is wrong with it. Absent: read where it is used. */
  set?: (t: EnvTarget, raw: string) => string | undefined;
  /**
   * Set to the empty string, it means "none" (a CI secret that is not configured arrives empty):
   * only the X credentials. Any other empty variable is refused: `PORT=` listened on a random
   * port, `DATABASE_URL=` quietly fell back to the file's value, `OUTAGE_RADAR_CONFIG=` read the
   * working directory.
   */
  emptyIsUnset?: boolean;
}

/** What an empty variable is told: unset it, or give it a value. */
export function emptyProblem(v: EnvVar): string {
  const unset = v.key ? `${v.key} in ${v.key.split('.')[0]}.yaml applies` : 'the default applies';
  return `set but empty; give a value, or unset it (then ${unset})`;
}

export const ENV_VARS: readonly EnvVar[] = [
  {
    name: 'PORT',
    key: 'server.port',
    description: 'HTTP port',
    set(t, raw) {
      // Plain digits: Number() also took " 80", "0x50" and "1e3".
      const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(port) || port > 65535) return `not a port number: "${raw}" (0 to 65535; 0 picks a free port)`;
      t.server.port = port;
      return undefined;
    },
  },
  {
    name: 'HOST',
    key: 'server.host',
    description: 'address the HTTP server listens on',
    set(t, raw) {
      const wrong = hostProblem(raw);
      if (!wrong) t.server.host = raw;
      return wrong;
    },
  },
  {
    name: 'PUBLIC_URL',
    key: 'server.public_url',
    description: 'how receivers reach the API, for links in webhook messages',
    set(t, raw) {
      if (!/^https?:\/\/[^\s]+$/.test(raw)) return 'not an http(s) URL';
      t.server.public_url = raw;
      return undefined;
    },
  },
  {
    name: 'DATA_DIR',
    key: 'storage.data_dir',
    description: 'folder of the embedded database and a child Redis',
    set: (t, raw) => void (t.storage.data_dir = raw),
  },
  {
    name: 'DATABASE_URL',
    key: 'storage.database_url',
    description: 'a postgres:// URL for PostgreSQL instead of the embedded PGlite',
    set(t, raw) {
      if (!/^postgres(ql)?:\/\//.test(raw)) return 'not a postgres:// URL';
      t.storage.database_url = raw;
      return undefined;
    },
  },
  {
    name: 'REDIS_URL',
    key: 'queue.redis_url',
    description: 'the Redis of the queues and locks',
    set(t, raw) {
      if (!/^rediss?:\/\//.test(raw)) return 'not a redis:// URL';
      t.queue.redis_url = raw;
      return undefined;
    },
  },
  {
    name: 'QUEUE_PREFIX',
    key: 'queue.prefix',
    description: 'key prefix of queues and locks',
    set(t, raw) {
      // The same rule as queue.yaml's prefix: the variable took "a b" that the file refuses.
      if (!QUEUE_PREFIX_PATTERN.test(raw)) return `${QUEUE_PREFIX_RULE}: "${raw}"`;
      t.queue.prefix = raw;
      return undefined;
    },
  },
  {
    name: 'X_BEARER_TOKEN',
    key: null,
    description: 'X API credentials (secrets never live in config/); without it the X sources stay off and say so once',
    emptyIsUnset: true,
  },
  {
    name: 'X_API_BASE_URL',
    key: null,
    description: 'where the X API is (a local server in tests and replay); default api.x.com',
    // Read where the X client is made; checked here so a URL without its scheme is said at start, not at the first poll.
    set: (_t, raw) => (/^https?:\/\/[^\s/]+/.test(raw) ? undefined : `not an http(s) URL: "${raw}" (such as https://api.x.com)`),
  },
  { name: 'OUTAGE_RADAR_CONFIG', key: null, description: 'the configuration folder; default config/' },
  {
    name: 'LOG_LEVEL',
    key: null,
    description: '`info` (default), `debug`, `warn`, `silent`',
    // Read where the logger is made (env.ts logLevelOf); checked here so check-config says so too.
    set: (_t, raw) => logLevelProblem(raw),
  },
];
