import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../core/logger.js';
import { QueueUnavailableError } from '../queue/queues.js';
import { StoreUnavailableError } from '../store/db.js';
import { clientErrorOf } from './parse-errors.js';

/**
 * Every error the API returns has one shape:
 *   { "error": { "code": "invalid_request", "message": "...", "field": "limit" } }
 * so clients can branch on `code` and show `message`. A 500 or 503 adds `request_id`, the id
 * its log line carries.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

export function fromZod(err: z.ZodError, where: 'query' | 'body' | 'path'): ApiError {
  const first = err.issues[0];
  // A strict object reports unknown keys at the object itself: name the first key instead.
  const unknownKey = first?.code === 'unrecognized_keys' ? first.keys[0] : undefined;
  const field = [...(first?.path ?? []), ...(unknownKey ? [unknownKey] : [])].join('.') || undefined;
  return new ApiError(400, 'invalid_request', `${where}${field ? ` field "${field}"` : ''}: ${first?.message ?? 'invalid'}`, field);
}

const requestIds = new WeakMap<Response, string>();

/**
 * Gives every request an id (the caller's `X-Request-Id` when it is a sane token, else a new
 * one), echoed in the `X-Request-Id` response header, in error bodies and in error log lines,
 * so an operator can find the log line of a user's 500.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const id = given && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
    requestIds.set(res, id);
    res.setHeader('X-Request-Id', id);
    next();
  };
}

export function requestIdOf(res: Response): string | undefined {
  return requestIds.get(res);
}

export const errorMiddleware =
  (log: Logger): ErrorRequestHandler =>
  (err: unknown, req, res, _next) => {
    const request_id = requestIdOf(res);
    if (err instanceof QueueUnavailableError) {
      log.error({ request_id, path: req.originalUrl.split('?')[0], err: err.message }, 'queue unavailable');
      res.setHeader('Retry-After', '5');
      res.status(503).json({ error: { code: 'unavailable', message: 'the queue (Redis) is unavailable; retry shortly', request_id } });
      return;
    }
    if (err instanceof StoreUnavailableError) {
      log.error({ request_id, path: req.originalUrl.split('?')[0], err: err.message }, 'store unavailable');
      res.setHeader('Retry-After', '5');
      res.status(503).json({ error: { code: 'unavailable', message: 'the database is unavailable; retry shortly', request_id } });
      return;
    }
    if (err instanceof ApiError) {
      for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
      res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } });
      return;
    }
    const client = clientErrorOf(err);
    if (client) {
      res.status(client.status).json({ error: { code: client.code, message: client.message } });
      return;
    }
    const e2 = err instanceof Error ? err : new Error(String(err));
    log.error({ request_id, method: req.method, path: req.originalUrl.split('?')[0], err: e2.message, stack: e2.stack }, 'unhandled error');
    res.status(500).json({ error: { code: 'internal', message: `internal error (request id ${request_id ?? 'unknown'})`, request_id } });
  };
