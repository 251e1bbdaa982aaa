import type { AppContext } from '../src/app/context.js';
import type { PipelineDeps } from '../src/pipeline/deps.js';
import { ingestSource } from '../src/pipeline/ingest.js';
import { stageWorker } from '../src/queue/stage-worker.js';

/** Stage 1, ingest: one job per due poll; fetch → adapter → posts stored once → analyze queue. */
export function startIngestWorker(ctx: AppContext, deps: PipelineDeps) {
  return stageWorker(ctx, 'ingest', (data) => ingestSource(ctx, deps, data.sourceId));
}
