import type { Job } from 'bullmq';

/**
 * Whether a BullMQ 'failed' event is the job's last: no retry will follow. Counting attempts is
 * not enough: a job whose worker died mid-run more often than maxStalledCount is failed by
 * BullMQ with an UnrecoverableError ("job stalled more than allowable limit") on its next
 * pick-up, whatever attempts it has left.
 */
export function isFinalFailure(job: Pick<Job, 'attemptsMade' | 'opts'>, err: Error): boolean {
  return err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
}

/** BullMQ's failedReason for a job failed that way (moveStalledJobsToWait). */
export const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';
