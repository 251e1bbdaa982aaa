import type { AppContext } from '../src/app/context.js';
import type { PipelineDeps } from '../src/pipeline/deps.js';
import { ingestSource, recordIngestFailure } from '../src/pipeline/ingest.js';
import { stageWorker } from '../src/queue/stage-worker.js';

/** Stage 1, ingest: one job per due poll; fetch → adapter → posts stored once → analyze queue. */
export function startIngestWorker(ctx: AppContext, deps: PipelineDeps) {
  return stageWorker(ctx, 'ingest', (data) => ingestSource(ctx, deps, data.sourceId), {
    // A poll that failed every attempt is recorded on its source (failing, last error, a later
    // next poll), so the scheduler offers it again and /api/v1/sources says what went wrong.
    onFinalFailure: (data, err, job) => recordIngestFailure(ctx, deps, data.sourceId, `ingest job failed after ${job.attemptsMade} attempts: ${err.message}`),
  });
}
