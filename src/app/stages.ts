import type { Worker } from 'bullmq';
import type { AppContext } from './context.js';
import type { PipelineDeps } from '../pipeline/deps.js';
import { startIngestWorker } from '../../workers/ingest.js';
import { startAnalyzeWorker } from '../../workers/analyze.js';
import { startCorrelateWorker } from '../../workers/correlate.js';
import { startDeliverWorker } from '../../workers/deliver.js';
import { startWebhookWorker } from '../../workers/webhook.js';

export const WORKER_STAGES = ['ingest', 'analyze', 'correlate', 'deliver'] as const;
export type WorkerStage = (typeof WORKER_STAGES)[number];

/** Starts the named stages' workers in this process; `deliver` includes the webhook sender. */
export async function startStageWorkers(ctx: AppContext, deps: PipelineDeps, stages: readonly WorkerStage[]): Promise<Worker[]> {
  const out: Worker[] = [];
  for (const s of stages) {
    if (s === 'ingest') out.push(startIngestWorker(ctx, deps));
    if (s === 'analyze') out.push(await startAnalyzeWorker(ctx));
    if (s === 'correlate') out.push(startCorrelateWorker(ctx));
    if (s === 'deliver') out.push(startDeliverWorker(ctx), startWebhookWorker(ctx) as unknown as Worker);
  }
  return out as Worker[];
}
