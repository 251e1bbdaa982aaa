import { pino, destination, stdTimeFunctions, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stderr (stdout carries data: parse, classify, replay --json).
 * The caller picks the level (LOG_LEVEL through config/env.ts `logLevelOf`; `silent` in tests).
 */
export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { app: 'outage-radar' }, timestamp: stdTimeFunctions.isoTime }, destination(2));
}
