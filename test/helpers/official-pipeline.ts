import type { Worker } from 'bullmq';
import { testRuntime, drained, VirtualClock } from './runtime.js';
import { startDocServer, type DocServer } from './doc-server.js';
import { startStageWorkers } from '../../src/app/stages.js';
import { defaultPipelineDeps } from '../../src/pipeline/deps.js';
import { ingestSource } from '../../src/pipeline/ingest.js';
import type { IngestResult } from '../../src/pipeline/record-outcome.js';
import { syncSources, type ConfiguredSource } from '../../src/store/sources-repo.js';

/**
 * Status documents served on loopback and read by the real stages: a runtime on a virtual clock,
 * a document server, the sources given, and analyze, correlate and deliver workers. `poll` sets
 * the clock, serves a document (or leaves the last one, for a conditional GET) and runs one
 * ingest of a source, then waits until every stage is idle.
 */
export interface OfficialPipeline {
  rt: Awaited<ReturnType<typeof testRuntime>>;
  docs: DocServer;
  clock: VirtualClock;
  poll(sourceId: string, at: string, doc?: { path: string; body: string | Buffer; status?: number; contentType?: string }): Promise<IngestResult['outcome']>;
  close(): Promise<void>;
}

/** `sources(url)`: the sources, given the document server's base URL. */
export async function officialPipeline(
  startIso: string,
  sources: (docsUrl: string) => ConfiguredSource[],
  opts: { allowPrivate?: string[] } = {},
): Promise<OfficialPipeline> {
  const clock = new VirtualClock(Date.parse(startIso));
  const docs = await startDocServer();
  const rt = await testRuntime({ clock, ...(opts.allowPrivate ? { allowPrivate: opts.allowPrivate } : {}) });
  await syncSources(rt.ctx.db, sources(docs.url), new Date(clock.now()).toISOString());
  const workers: Worker[] = await startStageWorkers(rt.ctx, defaultPipelineDeps(rt.ctx), ['analyze', 'correlate', 'deliver']);
  return {
    rt,
    docs,
    clock,
    async poll(sourceId, at, doc) {
      clock.set(Date.parse(at));
      if (doc) docs.set(doc.path, doc.body, { status: doc.status ?? 200, ...(doc.contentType ? { headers: { 'content-type': doc.contentType } } : {}) });
      const r = await ingestSource(rt.ctx, defaultPipelineDeps(rt.ctx), sourceId);
      await drained(rt);
      return r.outcome;
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await rt.cleanup();
      await docs.close();
    },
  };
}
