import type { AppContext } from '../src/app/context.js';
import { stageWorker } from '../src/queue/stage-worker.js';
import { deliverEvent } from '../src/pipeline/deliver.js';

/** Stage 4, deliver: incident changes → the live stream channel (and webhooks). */
export function startDeliverWorker(ctx: AppContext) {
  return stageWorker(ctx, 'deliver', (data) => deliverEvent(ctx, data.eventSeq));
}
