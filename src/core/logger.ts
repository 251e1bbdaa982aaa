import { pino, destination, stdTimeFunctions, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stderr (stdout carries data: parse, classify, replay --json).
 * LOG_LEVEL picks the level; `silent` in tests.
 */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'outage-radar' }, timestamp: stdTimeFunctions.isoTime }, destination(2));
}
