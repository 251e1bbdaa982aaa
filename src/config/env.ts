import type { ConfigProblem } from './yaml-file.js';
import { ConfigError } from './yaml-file.js';
import { ENV_VARS, emptyProblem, logLevelProblem, type EnvTarget } from './env-vars.js';

export type Env = Record<string, string | undefined>;

/**
 * The process's environment. The one read of `process.env` in src/ (entry points pass it on),
 * so everything else is given the variables it uses and tests can give others.
 */
export function processEnv(): Env {
  return process.env;
}

/** LOG_LEVEL: `info` (default), `debug`, `warn`, `silent`; another word is a configuration error naming it. */
export function logLevelOf(env: Env, fallback = 'info'): string {
  const level = env.LOG_LEVEL ?? fallback;
  const wrong = level === '' ? emptyProblem(ENV_VARS.find((v) => v.name === 'LOG_LEVEL')!) : logLevelProblem(level);
  if (wrong) throw new ConfigError([{ file: 'environment', path: 'LOG_LEVEL', message: wrong }]);
  return level;
}

/**
 * Environment overrides for deployment values (ENV_VARS, declared once in env-vars.ts); a
 * malformed value is a problem naming the variable. The secrets are read here too: they have
 * no key in config/ files, so they never end up in the repository.
 */
export function applyEnv<T extends EnvTarget>(
  cfg: T,
  env: Env,
  problems: ConfigProblem[],
): T & { secrets: { xBearerToken: string | null; xApiBaseUrl: string | null } } {
  const target: EnvTarget = { server: { ...cfg.server }, storage: { ...cfg.storage }, queue: { ...cfg.queue } };
  for (const v of ENV_VARS) {
    const raw = env[v.name];
    if (raw === undefined || (raw === '' && v.emptyIsUnset)) continue;
    const wrong = raw === '' ? emptyProblem(v) : v.set?.(target, raw);
    if (wrong) problems.push({ file: 'environment', path: v.name, message: wrong });
  }
  return { ...cfg, ...target, secrets: { xBearerToken: env.X_BEARER_TOKEN || null, xApiBaseUrl: env.X_API_BASE_URL || null } };
}
