import type { Server } from 'node:http';
import type { AppContext } from '../app/context.js';
import { createApp, listen } from '../api/server.js';
import { DEFAULT_RATE_LIMITS } from '../api/rate-limit.js';
import type { ReplayPace } from '../replay/pace.js';

/**
 * The page polls the replay clock and reloads the feed after each step while the replay plays:
 * more requests than a person browsing the live service. The demo serves one viewer on
 * loopback, so its anonymous quota is the per-key one rather than the public one.
 */
const DEMO_RATE_LIMITS = { ...DEFAULT_RATE_LIMITS, anonymous: DEFAULT_RATE_LIMITS.key };

/**
 * Serves the page and the API while the replay runs: every time the API gives (generated_at,
 * ages, "silent for" clocks) is on the replay clock, which the page can read and change.
 */
export async function serveDemo(ctx: AppContext, pace: ReplayPace, host: string, port: number): Promise<{ server: Server; url: string }> {
  const app = createApp({ ...ctx, clock: pace }, { replay: pace, rateLimits: DEMO_RATE_LIMITS, auth: { anonymousRead: true } });
  const server = await listen(app, host, port);
  const addr = server.address();
  const url = addr && typeof addr === 'object' ? `http://${addr.address}:${addr.port}/` : '';
  return { server, url };
}

export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections(); // the live streams never end on their own
  await new Promise<void>((r) => server.close(() => r()));
}

/** Resolves on the first SIGINT or SIGTERM; `fired` says whether one came. */
export function untilSignal(onSignal: () => void): { done: Promise<void>; fired: () => boolean; dispose: () => void } {
  let fired = false;
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  const handler = () => {
    fired = true;
    onSignal();
    resolve();
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return {
    done,
    fired: () => fired,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
