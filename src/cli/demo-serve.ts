import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import express from 'express';
import type { AppContext } from '../app/context.js';
import { createApp, listenError } from '../api/server.js';
import { answerParserErrorsAsJson } from '../api/socket-errors.js';
import { DEFAULT_RATE_LIMITS } from '../api/rate-limit.js';
import { pageRoutes } from '../api/routes/page.js';
import type { ReplayPace } from '../replay/pace.js';

/**
 * The page polls the replay clock and reloads the feed after each step while the replay plays:
 * more requests than a person browsing the live service. The demo serves one viewer on
 * loopback, so its anonymous quota is the per-key one rather than the public one.
 */
const DEMO_RATE_LIMITS = { ...DEFAULT_RATE_LIMITS, anonymous: DEFAULT_RATE_LIMITS.key };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Until the store and Redis are up (the embedded PostgreSQL takes seconds to start), the page's
 * files are served and every API call is a 503 with Retry-After, which the page already treats
 * as "try again shortly". So the page answers within a second of `npm run demo`.
 */
function startingApp(): Handler {
  const app = express();
  app.disable('x-powered-by');
  app.use(pageRoutes());
  app.use((_req, res) => {
    res.setHeader('Retry-After', '1');
    res.status(503).json({ error: { code: 'unavailable', message: 'The demo is starting.' } });
  });
  return app;
}

export interface DemoServer {
  server: Server;
  url: string;
  /** Hands every later request to the real app, on the replay clock. */
  ready(ctx: AppContext, pace: ReplayPace): void;
  close(): Promise<void>;
}

/** Listens at once with the starting app; ready() swaps in the real one. */
export async function listenEarly(host: string, port: number): Promise<DemoServer> {
  let handler: Handler = startingApp();
  const server = createServer((req, res) => handler(req, res));
  answerParserErrorsAsJson(server);
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error): void => reject(listenError(err, host, port, 'use --port N or PORT'));
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  const addr = server.address();
  const url = addr && typeof addr === 'object' ? `http://${addr.address}:${addr.port}/` : '';
  return {
    server,
    url,
    ready(ctx, pace) {
      // Every time the API gives (generated_at, ages, "silent for" clocks) is on the replay clock.
      handler = createApp({ ...ctx, clock: pace }, { replay: pace, rateLimits: DEMO_RATE_LIMITS, auth: { anonymousRead: true } });
    },
    close: () => closeServer(server),
  };
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections(); // the live streams never end on their own
  await new Promise<void>((r) => server.close(() => r()));
}

/** Resolves on the first SIGINT or SIGTERM; `fired` says which came (null while none has). */
export function untilSignal(onSignal: () => void): { done: Promise<void>; fired: () => NodeJS.Signals | null; dispose: () => void } {
  let fired: NodeJS.Signals | null = null;
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  const handler = (sig: NodeJS.Signals) => {
    fired = sig;
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
