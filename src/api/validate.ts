import type { Request } from 'express';
import type { z } from 'zod';
import { ApiError, fromZod } from './errors.js';
import { notAnObject } from './parse-errors.js';

/** The largest JSON body a route reads (the server's parser; the OpenAPI document names it for its 413). */
export const JSON_BODY_LIMIT = '64kb';

/** Parses a request part with the same schema the OpenAPI document is generated from. */
export function parseQuery<T extends z.ZodType>(schema: T, req: Request): z.infer<T> {
  // Every query parameter takes one value (a list is one comma-separated value): a repeated one
  // reached the schema as an array and read "expected number, received NaN".
  for (const [name, value] of Object.entries(req.query)) {
    if (Array.isArray(value)) throw new ApiError(400, 'invalid_request', `query field "${name}": given more than once; give it once`, name);
  }
  const r = schema.safeParse(req.query);
  if (!r.success) throw fromZod(r.error, 'query');
  return r.data;
}

export function parseBody<T extends z.ZodType>(schema: T, req: Request): z.infer<T> {
  const body: unknown = req.body;
  // Every body is an object: "expected object, received array" named no field and read as a schema detail.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'invalid_request', notAnObject(body));
  const r = schema.safeParse(body);
  if (!r.success) throw fromZod(r.error, 'body');
  return r.data;
}
