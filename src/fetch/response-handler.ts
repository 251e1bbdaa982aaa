import { FetchError } from './errors.js';

/**
 * The response side of a fetch (miniflux response_handler): the one place that maps status
 * codes to outcomes and reads the caching and back-off headers.
 */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** First value of a header (undici gives lower-case names; repeated headers come as arrays). */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

export function isNotModified(status: number): boolean {
  return status === 304;
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * Retry-After as milliseconds from now: either delta-seconds (`120`) or an HTTP-date, which
 * is read against the injected clock. A date in the past means "now" (0). Undefined when
 * absent or unreadable, so the caller falls back to its own back-off.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * How long the response may be reused: Cache-Control max-age, else Expires (RFC 9111 gives
 * max-age priority). no-store / no-cache mean 0. Undefined when the server says nothing.
 */
export function parseCacheMaxAge(headers: ResponseHeaders, nowMs: number): number | undefined {
  const cacheControl = headerValue(headers, 'cache-control');
  if (cacheControl !== undefined) {
    const directives = cacheControl
      .toLowerCase()
      .split(',')
      .map((d) => d.trim());
    if (directives.includes('no-store') || directives.includes('no-cache')) return 0;
    for (const d of directives) {
      const match = /^max-age\s*=\s*"?(\d+)"?$/.exec(d);
      if (match) return Number(match[1]) * 1000;
    }
  }
  const expires = headerValue(headers, 'expires');
  if (expires !== undefined) {
    const at = Date.parse(expires);
    // An invalid Expires (often "0" or "-1") means already expired.
    return Number.isNaN(at) ? 0 : Math.max(0, at - nowMs);
  }
  return undefined;
}

/**
 * X-RateLimit-Reset as milliseconds from now, for a 429 that has no Retry-After. APIs write it
 * three ways: Mastodon an ISO 8601 time (docs.joinmastodon.org/api/rate-limits), GitHub epoch
 * seconds, Reddit the seconds left in the window. A date in the past means now (0); undefined
 * when absent or unreadable.
 */
export function parseRateLimitReset(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    // No window lasts 30 years: a number this large is an instant, a smaller one a delay.
    return n >= 1e9 ? Math.max(0, Math.ceil(n * 1000 - nowMs)) : Math.ceil(n * 1000);
  }
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The error for a status that is neither success, 304 nor a followed redirect. */
export function statusError(status: number, url: string, headers: ResponseHeaders, nowMs: number): FetchError {
  let retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(headerValue(headers, 'retry-after'), nowMs) : undefined;
  // Mastodon (rack-attack) and Reddit throttle with a 429 that says when the window resets in
  // X-RateLimit-Reset only: polling again sooner earns another 429.
  if (status === 429 && retryAfterMs === undefined) retryAfterMs = parseRateLimitReset(headerValue(headers, 'x-ratelimit-reset'), nowMs);
  const wait = retryAfterMs === undefined ? '' : `, retry after ${Math.ceil(retryAfterMs / 1000)} s`;
  if (status === 429) {
    return new FetchError('rate-limited', url, `rate limited (HTTP 429${wait})`, { status, retryAfterMs });
  }
  if (isRedirect(status)) {
    return new FetchError('http-status', url, `HTTP ${status} redirect without a Location header`, { status });
  }
  return new FetchError('http-status', url, `server answered HTTP ${status}${wait}`, { status, retryAfterMs });
}
