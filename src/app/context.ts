import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/load.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import type { Db } from '../store/db.js';
import type { Queues } from '../queue/queues.js';

/** What every stage, route and command is given: nothing reaches for globals. */
export interface AppContext {
  config: AppConfig;
  db: Db;
  redisUrl: string;
  /** Producer connection: fail fast. */
  redis: Redis;
  queues: Queues;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
}
