import type { Request } from 'express';
import type { z } from 'zod';
import { fromZod } from './errors.js';

/** The largest JSON body a route reads (the server's parser; the OpenAPI document names it for its 413). */
export const JSON_BODY_LIMIT = '64kb';

/** Parses a request part with the same schema the OpenAPI document is generated from. */
export function parseQuery<T extends z.ZodType>(schema: T, req: Request): z.infer<T> {
  const r = schema.safeParse(req.query);
  if (!r.success) throw fromZod(r.error, 'query');
  return r.data;
}

export function parseBody<T extends z.ZodType>(schema: T, req: Request): z.infer<T> {
  const r = schema.safeParse(req.body);
  if (!r.success) throw fromZod(r.error, 'body');
  return r.data;
}
