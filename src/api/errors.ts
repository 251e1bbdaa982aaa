import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';

/**
 * Every error the API returns has one shape:
 *   { "error": { "code": "invalid_request", "message": "...", "field": "limit" } }
 * so clients can branch on `code` and show `message`.
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
  const field = first?.path.join('.') || undefined;
  return new ApiError(400, 'invalid_request', `${where}${field ? ` field "${field}"` : ''}: ${first?.message ?? 'invalid'}`, field);
}

export const errorMiddleware: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
  if (err instanceof ApiError) {
    for (const [k, v] of Object.entries(err.headers)) res.setHeader(k, v);
    res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } });
    return;
  }
  const e = err as { type?: string; status?: number; message?: string };
  if (e && e.type === 'entity.parse.failed') {
    res.status(400).json({ error: { code: 'invalid_json', message: 'request body is not valid JSON' } });
    return;
  }
  if (e && e.type === 'entity.too.large') {
    res.status(413).json({ error: { code: 'too_large', message: 'request body is too large' } });
    return;
  }
  res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
};
