import type { AppContext } from '../app/context.js';
import type { Logger } from '../core/logger.js';
import type { PipelineDeps } from '../pipeline/deps.js';
import { asRunning, startLiveStreams } from '../pipeline/ingest-live.js';
import type { LiveSources } from '../sources/live/index.js';
import type { ReplayServer } from './replay-server.js';
import type { Scenario } from './scenario.js';

/** How long a step waits for the consumers to handle what was sent before it goes on regardless. */
const SETTLE_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_MS = 15_000;

export interface ReplayStreamRun {
  /** Sends what became visible at the clock's time, and waits until the consumers handled it. */
  step(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The streamed sources of a run (bluesky): the production Jetstream consumer, connected to the
 * replay server's WebSocket, storing through the pipeline as in `start`. The driver steps it so
 * the result does not depend on the speed: every event sent at a step is handled (its posts
 * stored and queued) before the queues are drained.
 */
export async function startReplayStreams(
  scenario: Scenario,
  ctx: AppContext,
  deps: PipelineDeps,
  server: ReplayServer,
  log: Logger,
): Promise<ReplayStreamRun | null> {
  const ids = scenario.sources.filter((s) => s.kind === 'bluesky').map((s) => s.id);
  if (!ids.length) return null;
  let handled = 0;
  const live: LiveSources = startLiveStreams(await asRunning(ctx), {
    ...deps,
    // The scenario declares no X filtered stream: nothing but its bluesky sources connects.
    x: { ...deps.x, stream: null },
    // One consumer per source in this process: no Redis lock to take.
    exclusive: false,
    // A scenario's timeline is sparse by design (minutes between posts), not a stalled firehose.
    jetstream: { silenceMs: 0, onEvent: (e) => void (e.type === 'handled' && handled++) },
  });
  const until = Date.now() + CONNECT_TIMEOUT_MS;
  while (Date.now() < until && !ids.every((id) => server.streams.connected(id))) await new Promise((r) => setTimeout(r, 5));
  const missing = ids.filter((id) => !server.streams.connected(id));
  if (missing.length) log.warn({ sources: missing }, 'replay: a bluesky consumer did not connect to the replay server; its posts arrive when it does');
  return {
    async step() {
      server.streams.publish();
      const limit = Date.now() + SETTLE_TIMEOUT_MS;
      while (handled < server.streams.sent() && Date.now() < limit) await new Promise((r) => setTimeout(r, 1));
      if (handled < server.streams.sent())
        log.warn({ sent: server.streams.sent(), handled }, 'replay: the bluesky consumer has not handled every event sent; going on');
    },
    stop: () => live.stop(),
  };
}
