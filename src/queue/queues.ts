import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * One queue per pipeline stage. Payloads carry ids, not objects (DESIGN.md): the store is the
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

/** Job ids make enqueueing idempotent: the same poll or post is never queued twice at once. */
export function jobId<S extends Stage>(stage: S, data: JobPayloads[S]): string {
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

const defaults: JobsOptions = {
  // Retries are for internal failures (a store hiccup); source fetch failures are recorded on
  // the source and never retried here (DESIGN.md "Time").
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
};

export class Queues {
  readonly byStage: { [S in Stage]: Queue<JobPayloads[S]> };

  constructor(connection: Redis, readonly prefix: string) {
    const make = <S extends Stage>(s: S) => {
      const q = new Queue<JobPayloads[S]>(s, { connection: connection as ConnectionOptions, prefix, defaultJobOptions: defaults });
      q.on('error', () => {}); // without a listener BullMQ prints stack traces
      return q;
    };
    this.byStage = { ingest: make('ingest'), analyze: make('analyze'), correlate: make('correlate'), deliver: make('deliver') };
  }

  async add<S extends Stage>(stage: S, data: JobPayloads[S]): Promise<void> {
    const q = this.byStage[stage] as unknown as Queue<JobPayloads[S]>;
    await (q as Queue).add(stage, data, { jobId: jobId(stage, data) });
  }

  async addBulk<S extends Stage>(stage: S, items: JobPayloads[S][]): Promise<void> {
    if (!items.length) return;
    const q = this.byStage[stage] as unknown as Queue;
    await q.addBulk(items.map((data) => ({ name: stage, data, opts: { jobId: jobId(stage, data) } })));
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

  async close(): Promise<void> {
    await Promise.all(STAGES.map((s) => (this.byStage[s] as unknown as Queue).close()));
  }
}
