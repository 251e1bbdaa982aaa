import type { AppContext } from '../src/app/context.js';
import { createAnalyzer } from '../src/pipeline/analyzer.js';
import { analyzePost } from '../src/pipeline/analyze.js';
import { stageWorker } from '../src/queue/stage-worker.js';

/** Stage 2, analyze: classifier + entities + trust → signal; relevant posts → correlate queue. */
export async function startAnalyzeWorker(ctx: AppContext) {
  const analyzer = await createAnalyzer(ctx.config.catalog, ctx.config.trust); // the model loads once
  return stageWorker(ctx, 'analyze', (data) => analyzePost(ctx, analyzer, data.postId));
}
