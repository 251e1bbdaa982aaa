import type { Server } from 'node:http';
import type { Worker } from 'bullmq';
import { loadConfig, defaultConfigDir, type AppConfig } from '../config/load.js';
import { logLevelOf, processEnv, type Env } from '../config/env.js';
import { wallClock, type Clock } from '../core/clock.js';
import { createLogger, type Logger } from '../core/logger.js';
import { Metrics } from '../core/metrics.js';
import { openStore } from '../store/open.js';
import { findRedis, type RedisTarget } from '../queue/redis-bootstrap.js';
import type { Redis } from 'ioredis';
import { producerConnection } from '../queue/connection.js';
import { Queues } from '../queue/queues.js';
import { LeaderLock } from '../queue/leader-lock.js';
import { PollScheduler } from '../scheduler/poll-scheduler.js';
import { syncSources } from '../store/sources-repo.js';
import { createApp, createProbeApp, listen } from '../api/server.js';
import { defaultPipelineDeps, type PipelineDeps } from '../pipeline/deps.js';
import type { AppContext } from './context.js';
import { startStageWorkers, type WorkerStage } from './stages.js';
import { queueUnfinished, repairOnRedisRecovery } from '../pipeline/repair.js';
import { sweepIncidents } from '../pipeline/correlate.js';
import { closeWebhookQueue } from '../outputs/webhooks/queue.js';
import { asRunning, startLiveStreams } from '../pipeline/ingest-live.js';
import { applyOverrides } from '../store/source-overrides-repo.js';
import { spreadFirstPolls } from '../pipeline/poll-pace.js';
import type { ShutdownGuard } from './shutdown.js';
import { redisStartError, databaseStartError, checkRedisDatabase } from './start-errors.js';

export interface BootOptions {
  config?: AppConfig;
  configDir?: string;
  env?: Env;
  clock?: Clock;
  log?: Logger;
  /** PGlite in memory instead of the data folder (tests, replay). */
  inMemoryStore?: boolean;
  /** PostgreSQL schema to isolate this run (tests). */
  schema?: string;
  /** Queue prefix override (tests and replay use a unique one). */
  prefix?: string;
  /** The prefix is this run's alone (a replay): close() deletes its keys from Redis. */
  disposablePrefix?: boolean;
  /** Retry policy of every stage's jobs (tests shorten the back-off). */
  jobDefaults?: { attempts?: number; backoff?: { type: 'fixed' | 'exponential'; delay: number } };
}

export interface Runtime {
  ctx: AppContext;
  /** Closes queues, Redis and the store; with a guard, a step stuck on unreachable Redis is given up (the store still closes). */
  close(guard?: ShutdownGuard): Promise<void>;
}

/** Opens configuration, store, Redis and queues: what every process needs, whatever it runs. */
export async function boot(opts: BootOptions = {}): Promise<Runtime> {
  const env = opts.env ?? processEnv();
  const config = opts.config ?? loadConfig(opts.configDir ?? defaultConfigDir(env), env);
  const log = opts.log ?? createLogger(logLevelOf(processEnv()));
  const redisTarget: RedisTarget = await findRedis({ configuredUrl: config.queue.redis_url, dataDir: config.storage.data_dir }).catch((err: unknown) => {
    throw redisStartError(err, config, env);
  });
  let db;
  try {
    db = await openStore(config.storage, { schema: opts.schema, inMemory: opts.inMemoryStore });
  } catch (err) {
    await redisTarget.stop();
    throw databaseStartError(err, config, env);
  }
  const redis = producerConnection(redisTarget.url);
  // The producer has no offline queue (fail fast), so wait until it is connected.
  await new Promise<void>((res, rej) => {
    if (redis.status === 'ready') return res();
    const t = setTimeout(() => rej(new Error(`Redis at ${redisTarget.url} did not become ready`)), 10_000);
    redis.once('ready', () => (clearTimeout(t), res()));
  })
    .then(() => checkRedisDatabase(redis, config, env))
    .catch(async (err: unknown) => {
      redis.disconnect();
      await db.close();
      await redisTarget.stop();
      throw err;
    });
  const prefix = opts.prefix ?? config.queue.prefix;
  const queues = new Queues(redis, prefix, opts.jobDefaults);
  const ctx: AppContext = { config, db, redisUrl: redisTarget.url, redis, queues, clock: opts.clock ?? wallClock, log, metrics: new Metrics() };
  if (redisTarget.child) log.info({ url: redisTarget.url }, 'started a child redis-server');
  return {
    ctx,
    async close(guard?: ShutdownGuard) {
      const step = (label: string, work: () => Promise<unknown>) => (guard ? guard.step(label, work) : work());
      await step('webhook queue', () => closeWebhookQueue(ctx));
      await step('queues', () => queues.close());
      if (opts.disposablePrefix)
        await deleteKeys(redis, prefix).catch((err: Error) => log.warn({ err: err.message, prefix }, "could not delete the run's Redis keys"));
      redis.disconnect();
      await step('store', () => db.close());
      await step('child redis-server', () => redisTarget.stop());
    },
  };
}

/** Deletes every key under `<prefix>:` (a finished replay's queues, locks and counters). */
async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

export interface ServiceSet {
  api?: boolean;
  scheduler?: boolean;
  stages?: WorkerStage[];
  pipeline?: PipelineDeps;
  /** Scheduler tick period in wall ms (1 s in production). */
  tickMs?: number;
  /** Without the API: serve /healthz, /readyz and /metrics on this port (worker --metrics-port). */
  metricsPort?: number;
}

export interface RunningServices {
  server: Server | null;
  workers: Worker[];
  scheduler: PollScheduler | null;
  /** Graceful: stop taking work, let active jobs finish, close the HTTP server. A guard bounds each step (shutdown.ts). */
  stop(guard?: ShutdownGuard): Promise<void>;
}

/**
 * What startServices has started so far, and how to stop it: the parts in reverse order of
 * starting, then the HTTP server stops accepting, then the workers finish their active jobs.
 */
class StartedParts implements RunningServices {
  workers: Worker[] = [];
  scheduler: PollScheduler | null = null;
  private readonly stops: Array<{ label: string; stop: () => Promise<void> }> = [];
  constructor(readonly server: Server | null) {}

  onStop(label: string, stop: () => Promise<void>): void {
    this.stops.push({ label, stop });
  }

  async stop(guard?: ShutdownGuard): Promise<void> {
    const step = (label: string, work: () => Promise<unknown>) => (guard ? guard.step(label, work) : work());
    for (const { label, stop } of [...this.stops].reverse()) await step(label, stop);
    const server = this.server;
    const closing = server ? new Promise<void>((res) => server.close(() => res())) : Promise.resolve();
    server?.closeAllConnections();
    await Promise.all(this.workers.map((w) => step(`${w.name} worker`, () => w.close())));
    await step('HTTP server', () => closing);
  }
}

export async function startServices(rt: Runtime, set: ServiceSet): Promise<RunningServices> {
  const { ctx } = rt;
  // The port first: a port already taken fails here, before any worker, stream or timer runs
  // (they would keep the process alive with nothing serving).
  const { host, port } = ctx.config.server;
  const server = set.api
    ? await listen(createApp(ctx), host, port)
    : set.metricsPort !== undefined
      ? await listen(createProbeApp(ctx), host, set.metricsPort, 'choose another --metrics-port')
      : null;
  const parts = new StartedParts(server);
  try {
    await startParts(rt, set, parts);
    return parts;
  } catch (err) {
    await parts.stop().catch((stopErr: Error) => ctx.log.warn({ err: stopErr.message }, 'stopping after a failed start failed'));
    throw err;
  }
}

async function startParts(rt: Runtime, set: ServiceSet, parts: StartedParts): Promise<void> {
  const { ctx } = rt;
  const pipeline = set.pipeline ?? defaultPipelineDeps(ctx);
  if (set.scheduler || set.stages?.includes('ingest')) {
    const now = ctx.clock.now();
    const nowIso = new Date(now).toISOString();
    // First polls after a start are spread in ingest-sized batches (poll-pace.ts).
    const firstPolls = spreadFirstPolls(now, ctx.config.sources, ctx.config.queue.concurrency.ingest);
    await syncSources(ctx.db, ctx.config.sources, nowIso, firstPolls);
    // Then what admins changed while running (the API's source routes): it wins until reset.
    await applyOverrides(ctx.db, ctx.config.sources, nowIso);
  }
  if (set.stages?.length) parts.workers = await startStageWorkers(ctx, pipeline, set.stages);
  // Stored means queued: posts, signals and incident events the store holds but no queue does
  // (Redis was away between the two writes) are queued at start and on recovery.
  const repairs = set.scheduler || set.api || set.stages?.some((s) => s !== 'ingest');
  if (repairs) await queueUnfinished(ctx).catch((err: Error) => ctx.log.warn({ err: err.message }, 'repair sweep at start failed'));
  if (repairs) {
    const stopRepair = repairOnRedisRecovery(ctx);
    parts.onStop('Redis recovery watch', async () => stopRepair());
  }
  // Streams (Bluesky Jetstream, the X filtered stream) run where ingest runs, one consumer each.
  if (set.stages?.includes('ingest')) {
    const live = startLiveStreams(await asRunning(ctx), pipeline);
    parts.onStop('live streams', () => live.stop());
  }
  if (set.scheduler) {
    const scheduler = new PollScheduler({
      db: ctx.db,
      queues: ctx.queues,
      clock: ctx.clock,
      log: ctx.log,
      leader: new LeaderLock(ctx.redis, `${ctx.queues.prefix}:scheduler-leader`),
      periodic: { everyMs: 60_000, run: async () => [await sweepIncidents(ctx), await queueUnfinished(ctx, { minAgeMs: 120_000 })] },
    });
    parts.scheduler = scheduler;
    parts.onStop('scheduler', () => scheduler.stop());
    scheduler.start(set.tickMs ?? 1000);
  }
}
