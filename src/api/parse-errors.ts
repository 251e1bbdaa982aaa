/** What express, its router and body-parser throw: http-errors objects, and the router's URIError. */
interface FrameworkError {
  type?: unknown;
  status?: unknown;
  expose?: unknown;
  charset?: unknown;
  encoding?: unknown;
  message?: unknown;
  body?: unknown;
  code?: unknown;
}

/** A client's mistake as the error middleware answers it (errors.ts imports this, so no ApiError here). */
export interface ClientError {
  status: number;
  code: string;
  message: string;
}

const clientError = (status: number, code: string, message: string): ClientError => ({ status, code, message });

/** The Content-Encodings body-parser inflates on Node 20 (zstd only on newer Node). */
export const READABLE_ENCODINGS = ['identity', 'gzip', 'deflate', 'br'] as const;

/**
 * The client's mistakes that express and body-parser find before a route runs, as the API's own
 * 4xx: without this they reached the error middleware as unknown errors and became 500s with a
 * stack in the log (a latin1 charset, `Content-Encoding: foo`, a body claimed gzip that is not,
 * `%ZZ` in a path). Null for anything else: that is ours, and stays a 500.
 */
export function clientErrorOf(err: unknown): ClientError | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as FrameworkError;
  const text = typeof e.message === 'string' ? e.message : '';
  switch (e.type) {
    case 'entity.parse.failed':
      // The parser's strict mode refuses a top-level string or number as unparseable: say what it is.
      return parsesAsJson(e.body)
        ? clientError(400, 'invalid_request', notAnObject(JSON.parse(e.body as string)))
        : clientError(400, 'invalid_json', 'request body is not valid JSON');
    case 'entity.too.large':
      return clientError(413, 'too_large', 'request body is too large');
    case 'charset.unsupported':
      return clientError(
        415,
        'unsupported_media_type',
        `request body charset "${typeof e.charset === 'string' ? e.charset : '?'}" is not supported; send UTF-8 (application/json; charset=utf-8)`,
      );
    case 'encoding.unsupported':
      return clientError(
        415,
        'unsupported_media_type',
        `Content-Encoding "${typeof e.encoding === 'string' ? e.encoding : '?'}" is not supported; send ${READABLE_ENCODINGS.join(', ')}`,
      );
  }
  // The router could not percent-decode a path parameter (it marks the URIError 400).
  if (err instanceof URIError) return clientError(400, 'invalid_request', `path: malformed percent-encoding (${text})`);
  // The framework's other 4xx (http-errors marks them `expose`): a body that does not decompress
  // as its Content-Encoding says (zlib's Z_ codes), an aborted upload, a wrong Content-Length.
  if (e.expose === true && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const zlib = typeof e.code === 'string' && e.code.startsWith('Z_');
    return clientError(e.status, 'invalid_request', zlib ? `request body does not decode as its Content-Encoding says (${text})` : text || 'bad request');
  }
  return null;
}

function parsesAsJson(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** What to say of a body that is JSON (or missing) but not the object every route reads. */
export function notAnObject(value: unknown): string {
  const what = value === undefined ? 'no body' : value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return `request body must be a JSON object (got ${what})`;
}
