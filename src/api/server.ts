import express, { type Express } from 'express';
import type { Server } from 'node:http';
import type { AppContext } from '../app/context.js';
import { errorMiddleware, ApiError } from './errors.js';
import { healthRoutes } from './routes/health.js';
import { incidentRoutes } from './routes/incidents.js';
import { sourceRoutes } from './routes/sources.js';
import { postRoutes } from './routes/posts.js';

/** The express app: thin routes over use-case functions, one error middleware. */
export function createApp(ctx: AppContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.server.trust_proxy);
  app.set('query parser', 'simple');
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
  app.use(express.json({ limit: '64kb' }));
  app.use(healthRoutes(ctx));
  const v1 = express.Router();
  v1.use(incidentRoutes(ctx));
  v1.use(sourceRoutes(ctx));
  v1.use(postRoutes(ctx));
  app.use('/api/v1', v1);
  app.use('/api/v1', (req) => {
    throw new ApiError(404, 'not_found', `no route ${req.method} ${req.originalUrl.split('?')[0]}`);
  });
  app.use(errorMiddleware);
  return app;
}

export function listen(app: Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
    server.on('error', reject);
  });
}
