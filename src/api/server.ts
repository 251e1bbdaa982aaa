import express, { type Express } from 'express';
import type { Server } from 'node:http';
import type { AppContext } from '../app/context.js';
import { errorMiddleware, ApiError, requestId } from './errors.js';
import { healthRoutes } from './routes/health.js';
import { incidentRoutes } from './routes/incidents.js';
import { sourceRoutes } from './routes/sources.js';
import { reportCors } from './report-cors.js';
import { sourceAdminRoutes } from './routes/source-admin.js';
import { postRoutes, reportRoutes } from './routes/posts.js';
import { streamRoutes } from './routes/stream.js';
import { adminRoutes } from './routes/admin.js';
import { webhookRoutes, type WebhookRouteOptions } from './routes/webhooks.js';
import { actionRoutes } from './routes/actions.js';
import { pageRoutes, defaultPublicDir } from './routes/page.js';
import { authenticate, authOptionsFromConfig, authPolicy, type AuthOptions } from './auth/index.js';
import { keyRoutes } from './auth/routes.js';
import { rateLimit, DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limit.js';
import { buildOpenApi, OPERATIONS } from './openapi.js';
import { JSON_BODY_LIMIT } from './validate.js';
import { answerParserErrorsAsJson } from './socket-errors.js';
import { LiveHub, type LiveHubOptions } from './live/hub.js';
import { replayRoutes, replaySpeedRoutes } from './routes/replay.js';
import type { ReplayControl } from './replay-control.js';

export interface ApiOptions {
  /** Default: server.auth.anonymous_read from the configuration. */
  auth?: AuthOptions;
  /** Default: DEFAULT_RATE_LIMITS. Tests inject small ones. */
  rateLimits?: RateLimits;
  /** The live stream's hub, or options for the one this app creates (heartbeat interval). */
  live?: LiveHub | LiveHubOptions;
  /** Passed to the webhook routes (tests inject a resolver). */
  webhooks?: WebhookRouteOptions;
  /** Where the page's files are (default: public/ of the checkout). */
  publicDir?: string;
  /** The demo's replay clock (GET /replay, POST /replay/speed); without one they answer 404. */
  replay?: ReplayControl;
}

/**
 * What a worker serves with `--metrics-port`: /healthz, /readyz and /metrics of its own process
 * (its fetches, ingests, job failures and webhook deliveries are counted there, not in an API's).
 * No API, no key, no page.
 */
export function createProbeApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(ctx));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'a worker serves /healthz, /readyz and /metrics only' } });
  });
  return app;
}

/**
 * Where a client looking by REST habit should go instead (the list of incidents is the ranked
 * feed, not a collection route), said in the 404 itself.
 */
const ROUTE_HINTS: Record<string, string> = {
  '/api/v1/incidents':
    'incidents are listed by GET /api/v1/feed (ranked; status=resolved for closed ones, /api/v1/watch for watch items); one incident is GET /api/v1/incidents/{id}',
};

/** The express app: thin routes over use-case functions, one error middleware. */
export function createApp(ctx: AppContext, opts: ApiOptions = {}): Express {
  const auth = opts.auth ?? authOptionsFromConfig(ctx.config.server);
  const guard = authPolicy(auth);
  const limited = rateLimit(ctx, opts.rateLimits ?? DEFAULT_RATE_LIMITS);
  const hub = opts.live instanceof LiveHub ? opts.live : new LiveHub(ctx, opts.live);
  const openapi = buildOpenApi();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.server.trust_proxy);
  app.set('query parser', 'simple');
  app.use(requestId());
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route?.path as string | undefined) ?? (res.statusCode === 404 ? 'unmatched' : req.path);
      ctx.metrics.httpRequests.inc({ route: `${req.baseUrl}${route}`, status: String(res.statusCode) });
      if (ctx.config.server.request_log) {
        ctx.log.info(
          { method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Number(process.hrtime.bigint() - start) / 1e6 },
          'request',
        );
      }
    });
    next();
  });
  // Before the JSON parser: its 400, 413 and 415 must reach a report form on another origin too.
  const reportsCors = reportCors(ctx.config.server.cors.report_origins);
  if (reportsCors) app.use('/api/v1/reports', reportsCors);
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  app.use(jsonBodiesOnly);

  // Public: probes, metrics, and the document that tells clients how to authenticate.
  app.use(healthRoutes(ctx));
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  // Everything below: who calls, then their quota, then what their role allows.
  const v1 = express.Router();
  v1.use(authenticate(ctx, { queryTokenPaths: ['/stream'] }), limited);
  v1.use('/keys', guard.admin);
  v1.use('/webhooks', guard.admin);
  v1.use(reportRoutes(ctx, guard.reporter)); // reporter keys may report, and do nothing else
  v1.use(replaySpeedRoutes(opts.replay ?? null, auth)); // a write with its own guard
  v1.use(sourceAdminRoutes(ctx, guard.admin)); // admin writes under /sources, before the readers' /sources/:id
  v1.use(guard.reader);
  v1.use(incidentRoutes(ctx));
  v1.use(actionRoutes(ctx));
  v1.use(sourceRoutes(ctx));
  v1.use(postRoutes(ctx));
  v1.use(streamRoutes(ctx, hub));
  v1.use(replayRoutes(opts.replay ?? null));
  v1.use(keyRoutes(ctx));
  v1.use(webhookRoutes(ctx, opts.webhooks));
  app.use('/api/v1', v1);
  app.use('/api/v1', (req) => {
    const path = req.originalUrl.split('?')[0]!;
    // A route that exists with other methods: 405 and the methods it takes, not "no route".
    // (A documented route not mounted here, such as /replay outside a demo, stays a 404.)
    const allowed = methodsOf(path);
    if (allowed.length && !allowed.includes(req.method)) {
      const allow = allowed.join(', ');
      throw new ApiError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}; it takes ${allow}`, undefined, { Allow: allow });
    }
    const hint = ROUTE_HINTS[path.replace(/\/+$/, '')];
    throw new ApiError(404, 'not_found', `no route ${req.method} ${path}${hint ? `: ${hint}` : ''}`);
  });

  // Operators' queue view; the HTML page takes ?access_token= so a browser tab can open it.
  const admin = express.Router();
  admin.use(authenticate(ctx, { queryTokenPaths: ['/queues'] }), limited, guard.admin);
  admin.use(adminRoutes(ctx));
  app.use('/admin', admin);
  app.use('/admin', (req) => {
    throw new ApiError(404, 'not_found', `no route ${req.method} ${req.originalUrl.split('?')[0]}`);
  });

  // The support staff's page: static files, public (the data behind it needs a reader key).
  app.use(pageRoutes(opts.publicDir ?? defaultPublicDir()));

  // Whatever matched nothing: a JSON 404 like every other error, never Express's HTML page.
  app.use((req) => {
    throw new ApiError(
      404,
      'not_found',
      `no route ${req.method} ${req.originalUrl.split('?')[0]}${req.path === '/openapi.json' ? ' (the OpenAPI document is at /api/v1/openapi.json)' : ''}`,
    );
  });
  app.use(errorMiddleware(ctx.log));
  return app;
}

/**
 * A body sent with another media type to a route that reads JSON would be silently ignored
 * (express.json() skips it) and then rejected as "missing fields": say what is wrong instead.
 */
const jsonBodiesOnly: express.RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') && !req.is('application/json')) {
    throw new ApiError(415, 'unsupported_media_type', `request body must be application/json (got ${req.get('content-type') ?? 'no Content-Type'})`);
  }
  next();
};

export function listen(app: Express, host: string, port: number, portHint = PORT_HINT): Promise<Server> {
  return new Promise((resolve, reject) => {
    const fail = (err: Error): void => reject(listenError(err, host, port, portHint));
    const server = app.listen(port, host, (err?: Error) => (err ? fail(err) : resolve(server)));
    server.on('error', fail);
    answerParserErrorsAsJson(server);
  });
}

/** How to choose another port, for the message when the configured one is taken. */
export const PORT_HINT = 'set PORT or server.port in server.yaml';

/** A taken or forbidden port, said as what to do instead of Node's "listen EADDRINUSE". */
export function listenError(err: Error, host: string, port: number, portHint: string): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new Error(`port ${port} on ${host} is already in use: stop what uses it, or ${portHint}`);
  if (code === 'EACCES') return new Error(`port ${port} on ${host} needs more privileges than this process has: ${portHint} (1024 or above)`);
  if (code === 'EADDRNOTAVAIL') return new Error(`cannot listen on ${host}: no such address on this machine (HOST, or server.host in server.yaml)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new Error(`cannot listen on ${host}: the name does not resolve to an address of this machine (HOST, or server.host in server.yaml)`);
  return err;
}

/** Each documented operation's path as a pattern (`/api/v1/incidents/{id}` → `^/api/v1/incidents/[^/]+$`), built once. */
const OPERATION_PATTERNS = OPERATIONS.map((op) => ({ method: op.method.toUpperCase(), pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`) }));

/** The methods the API documents for a path. */
function methodsOf(path: string): string[] {
  return [...new Set(OPERATION_PATTERNS.filter((op) => op.pattern.test(path)).map((op) => op.method))];
}
