/**
 * Every way a fetch can fail, as one class with a code, so the scheduler decides the next
 * poll from `code` (a 429 waits for `retryAfterMs`, the rest back off) instead of from
 * message text (docs/decisions.md, "One clock": a failed fetch is not a BullMQ retry).
 */
export type FetchErrorCode =
  | 'timeout' // the whole request took longer than totalTimeoutMs
  | 'connect-timeout' // TCP/TLS connection not established within connectTimeoutMs
  | 'too-large' // body larger than maxBodyBytes after decompression
  | 'too-many-redirects'
  | 'redirect-loop'
  | 'blocked-address' // every address of the host is refused by the address policy
  | 'bad-scheme' // not http: or https: (also a redirect to file:, ftp:, ...)
  | 'http-status' // a status we do not treat as success
  | 'rate-limited' // 429
  | 'dns' // the host name did not resolve
  | 'network'; // refused, reset, TLS failure, undecodable body

export interface FetchErrorDetails {
  /** The source being polled, so a logged error says whose fetch failed. */
  sourceId?: string;
  status?: number;
  retryAfterMs?: number;
  cause?: unknown;
}

export class FetchError extends Error {
  override name = 'FetchError';
  readonly code: FetchErrorCode;
  /** The URL being fetched when it failed (after redirects, the hop that failed). */
  readonly url: string;
  /** What happened, without the URL prefix. */
  readonly detail: string;
  readonly sourceId?: string;
  readonly status?: number;
  /** From Retry-After on 429 / 503, measured against the injected clock. */
  readonly retryAfterMs?: number;

  constructor(code: FetchErrorCode, url: string, what: string, details: FetchErrorDetails = {}) {
    const who = details.sourceId === undefined ? '' : `source ${details.sourceId}: `;
    super(`${who}GET ${url}: ${what}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.url = url;
    this.detail = what;
    if (details.sourceId !== undefined) this.sourceId = details.sourceId;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** The same error, its message naming the source it was fetched for. */
export function withSource(err: FetchError, sourceId: string): FetchError {
  if (err.sourceId === sourceId) return err;
  const copy = new FetchError(err.code, err.url, err.detail, {
    sourceId,
    status: err.status,
    retryAfterMs: err.retryAfterMs,
    cause: err.cause,
  });
  copy.stack = err.stack;
  return copy;
}

/** Node and undici errors carry a string `code`; that is all we look at. */
function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Maps a low-level failure (socket, TLS, undici, zlib) to a FetchError. The caller handles
 * its own abort first: once the total timeout fired, whatever error surfaces is a timeout.
 */
export function fetchErrorFrom(err: unknown, url: string): FetchError {
  if (err instanceof FetchError) return err;
  const code = errorCode(err) ?? '';
  const message = errorMessage(err);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new FetchError('connect-timeout', url, `could not connect in time (${message})`, { cause: err });
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new FetchError('timeout', url, `server stopped responding (${message})`, { cause: err });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA' || code === 'ESERVFAIL') {
    return new FetchError('dns', url, `could not resolve the host (${code})`, { cause: err });
  }
  if (code.startsWith('Z_') || code.startsWith('ERR__ERROR_FORMAT') || code === 'ERR_BROTLI_DECOMPRESSION_FAILED') {
    return new FetchError('network', url, `could not decode the compressed body (${message})`, { cause: err });
  }
  return new FetchError('network', url, code ? `${code}: ${message}` : message, { cause: err });
}
