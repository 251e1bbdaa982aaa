import { randomUUID } from 'node:crypto';
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * One queue per pipeline stage. Payloads carry ids, not objects (docs/decisions.md): the store is the
 * source of truth, and a job that runs twice does the same thing twice harmlessly.
 */
export interface JobPayloads {
  ingest: { sourceId: string; dueAt: string };
  analyze: { postId: string };
  correlate: { postId: string };
  deliver: { eventSeq: number; subscriptionId?: string };
}
export type Stage = keyof JobPayloads;
export const STAGES: readonly Stage[] = ['ingest', 'analyze', 'correlate', 'deliver'];

/**
 * The deduplication key of a job: the same poll or post is never queued twice *at once*.
 * It is not the job id: BullMQ keeps a failed job under its id, and an id reused for the next
 * attempt would be ignored for as long as the failed one is kept, silencing that source or post
 * for good. Deduplication lasts only while the job waits or runs (or retries); each attempt gets
 * its own job id (`jobIdFor`).
 */
export function dedupKey<S extends Stage>(stage: S, data: JobPayloads[S]): string {
  switch (stage) {
    case 'ingest': {
      const d = data as JobPayloads['ingest'];
      return `poll.${d.sourceId}.${Date.parse(d.dueAt)}`;
    }
    case 'analyze':
    case 'correlate':
      return `${stage}.${encodeURIComponent((data as JobPayloads['analyze']).postId)}`;
    default: {
      const d = data as JobPayloads['deliver'];
      return `deliver.${d.eventSeq}.${d.subscriptionId ?? 'all'}`;
    }
  }
}

/** A job id unique to this enqueue, starting with its deduplication key (readable in /admin/queues). */
export function jobIdFor(key: string): string {
  return `${key}.${randomUUID().slice(0, 8)}`;
}

/** Options of one job: deduplicated by its key while pending, with its own id. */
function jobOptions(key: string, priority?: number): JobsOptions {
  return { jobId: jobIdFor(key), deduplication: { id: key }, ...(priority ? { priority } : {}) };
}

/**
 * Redis did not take a job (it is down or unreachable). Callers that stored something first
 * rely on the repair sweep (pipeline/repair.ts) to queue it once Redis is back; the API answers
 * 503 with Retry-After.
 */
export class QueueUnavailableError extends Error {
  constructor(
    readonly stage: Stage,
    cause: Error,
  ) {
    super(`the ${stage} queue is unavailable (Redis): ${cause.message}`);
    this.name = 'QueueUnavailableError';
  }
}

async function orUnavailable<T>(stage: Stage, p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    throw new QueueUnavailableError(stage, err as Error);
  }
}

/** A job that failed every attempt, as the API lists it. */
export interface FailedJob {
  id: string;
  failed_at: string | null;
  attempts: number;
  error: string | null;
}

/** BullMQ's highest priority number (2^21 - 1); lower numbers run first. */
export const MAX_PRIORITY = 2_097_151;

const defaults: JobsOptions = {
  // Retries are for internal failures (a store hiccup); source fetch failures are recorded on
  // the source and never retried here (docs/decisions.md, "One clock").
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
};

export class Queues {
  readonly byStage: { [S in Stage]: Queue<JobPayloads[S]> };

  /** `jobDefaults` override the retry policy (tests shorten the back-off between attempts). */
  constructor(
    connection: Redis,
    readonly prefix: string,
    jobDefaults: Partial<JobsOptions> = {},
  ) {
    const make = <S extends Stage>(s: S) => {
      const q = new Queue<JobPayloads[S]>(s, { connection: connection as ConnectionOptions, prefix, defaultJobOptions: { ...defaults, ...jobDefaults } });
      q.on('error', () => {}); // without a listener BullMQ prints stack traces
      return q;
    };
    this.byStage = { ingest: make('ingest'), analyze: make('analyze'), correlate: make('correlate'), deliver: make('deliver') };
  }

  async add<S extends Stage>(stage: S, data: JobPayloads[S], opts: { priority?: number } = {}): Promise<void> {
    const q = this.byStage[stage] as unknown as Queue<JobPayloads[S]>;
    await orUnavailable(stage, (q as Queue).add(stage, data, jobOptions(dedupKey(stage, data), opts.priority)));
  }

  /**
   * Adds many jobs. `priorities[i]` (1 runs first) lets a stage share its workers fairly between
   * sources: see pipeline/fair-share.ts.
   */
  async addBulk<S extends Stage>(stage: S, items: JobPayloads[S][], priorities?: number[]): Promise<void> {
    if (!items.length) return;
    const q = this.byStage[stage] as unknown as Queue;
    await orUnavailable(stage, q.addBulk(items.map((data, i) => ({ name: stage, data, opts: jobOptions(dedupKey(stage, data), priorities?.[i]) }))));
  }

  /** Jobs not yet finished, per stage (waiting, delayed, active, prioritized). */
  async depths(): Promise<Record<Stage, number>> {
    const out = {} as Record<Stage, number>;
    for (const s of STAGES) {
      const c = await (this.byStage[s] as unknown as Queue).getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      out[s] = Object.values(c).reduce((a, b) => a + b, 0);
    }
    return out;
  }

  /** Age in ms of the oldest waiting job per stage (0 when none). */
  async oldestWaitingAge(nowMs: number): Promise<Record<Stage, number>> {
    const out = {} as Record<Stage, number>;
    for (const s of STAGES) {
      const jobs = await (this.byStage[s] as unknown as Queue).getWaiting(0, 0);
      out[s] = jobs[0] ? Math.max(0, nowMs - jobs[0].timestamp) : 0;
    }
    return out;
  }

  /** The most recent failed jobs of a stage whose data matches (newest first). */
  async recentFailures<S extends Stage>(stage: S, match: (data: JobPayloads[S]) => boolean, limit = 20): Promise<FailedJob[]> {
    const q = this.byStage[stage] as unknown as Queue;
    const jobs = await q.getFailed(0, 999);
    return jobs
      .filter((j) => j && match(j.data as JobPayloads[S]))
      .sort((a, b) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0))
      .slice(0, limit)
      .map((j) => ({
        id: String(j.id),
        failed_at: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
        attempts: j.attemptsMade,
        error: j.failedReason ?? null,
      }));
  }

  async close(): Promise<void> {
    await Promise.all(STAGES.map((s) => (this.byStage[s] as unknown as Queue).close()));
  }
}
