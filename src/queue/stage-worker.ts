import { Worker, type Job, type ConnectionOptions } from 'bullmq';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import type { JobPayloads, Queues, Stage } from './queues.js';
import { workerConnection } from './connection.js';
import { isFinalFailure } from './final-failure.js';

/**
 * What a stage worker needs from the application: the queue layer sits below app/, so it names
 * these parts itself; the AppContext has them all.
 */
export interface StageWorkerContext {
  redisUrl: string;
  queues: Pick<Queues, 'prefix'>;
  config: { queue: { concurrency: Record<Stage, number> } };
  metrics: Pick<Metrics, 'jobsDone' | 'jobFailures'>;
  log: Logger;
}

/**
 * A BullMQ worker for one stage, set up as the production guide says: its own connection with
 * maxRetriesPerRequest null, failures counted and logged, and `close()` letting active jobs
 * finish (graceful shutdown on SIGTERM). Handlers must be idempotent: a job can run twice.
 */
export function stageWorker<S extends Stage>(
  ctx: StageWorkerContext,
  stage: S,
  handler: (data: JobPayloads[S], job: Job<JobPayloads[S]>) => Promise<unknown>,
  opts: {
    concurrency?: number;
    /** Called once a job has failed its last attempt (it will not run again by itself). */
    onFinalFailure?: (data: JobPayloads[S], err: Error, job: Job<JobPayloads[S]>) => Promise<unknown>;
  } = {},
): Worker<JobPayloads[S]> {
  const connection = workerConnection(ctx.redisUrl);
  const worker = new Worker<JobPayloads[S]>(stage, async (job) => handler(job.data, job), {
    connection: connection as ConnectionOptions,
    prefix: ctx.queues.prefix,
    concurrency: opts.concurrency ?? ctx.config.queue.concurrency[stage],
    // Wall time, not the injected clock: stalled checks are BullMQ's own business (docs/decisions.md, "One clock").
    stalledInterval: 15_000,
    maxStalledCount: 2,
  });
  worker.on('completed', () => ctx.metrics.jobsDone.inc({ stage }));
  worker.on('failed', (job, err) => {
    ctx.metrics.jobFailures.inc({ stage });
    ctx.log.error({ stage, job: job?.id, attempts: job?.attemptsMade, err: err.message, stack: err.stack }, 'job failed');
    const final = job && isFinalFailure(job, err);
    if (final && opts.onFinalFailure) {
      opts.onFinalFailure(job.data, err, job).catch((e: Error) => ctx.log.error({ stage, job: job.id, err: e.message }, 'recording a failed job failed'));
    }
  });
  worker.on('error', (err) => ctx.log.error({ stage, err: err.message }, 'worker error'));
  const close = worker.close.bind(worker);
  worker.close = async (force?: boolean) => {
    await close(force);
    connection.disconnect();
  };
  return worker;
}
