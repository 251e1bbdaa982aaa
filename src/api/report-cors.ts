import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * CORS for POST /api/v1/reports only: a customer-facing report form on the operator's own site
 * (server.yaml `cors.report_origins`) calls it from the browser with a reporter key, which can
 * do nothing else. Mounted before authentication, since a browser's preflight carries no key.
 * Every other route stays same-origin: a reader or admin key has no business in a page of
 * another site. Null when no origin is listed.
 */
export function reportCors(origins: readonly string[]): RequestHandler | null {
  if (!origins.length) return null;
  return cors({
    origin: [...origins],
    methods: ['POST'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
}
