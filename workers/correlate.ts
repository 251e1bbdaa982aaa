import type { AppContext } from '../src/app/context.js';
import { correlatePost } from '../src/pipeline/correlate.js';
import { stageWorker } from '../src/queue/stage-worker.js';

/** Stage 3, correlate: signal → incident (attach or open), lifecycle, rank, timeline events. */
export function startCorrelateWorker(ctx: AppContext) {
  return stageWorker(ctx, 'correlate', (data) => correlatePost(ctx, data.postId));
}
