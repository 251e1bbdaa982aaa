import { isIP } from 'node:net';
import { request } from 'undici';
import type { Clock } from '../core/clock.js';
import type { AddressPolicy } from './address-policy.js';
import { formatBytes, readCappedBody } from './body.js';
import { FetchError, fetchErrorFrom, withSource } from './errors.js';
import type { HostLimiter } from './host-limiter.js';
import { createPinnedAgent, stripBrackets } from './pinned-agent.js';
import { buildRequestHeaders, type ConditionalState } from './request-headers.js';
import type { Resolver } from './resolver.js';
import { headerValue, isNotModified, isRedirect, isSuccess, parseCacheMaxAge, statusError, type ResponseHeaders } from './response-handler.js';
import { defaultUserAgent } from './user-agent.js';
import { untilAborted } from './until-aborted.js';

export interface FetchRequest extends ConditionalState {
  url: string;
  /** The source this fetch is for; named in error messages. */
  sourceId: string;
  /** Accept header; defaults to feeds, XML and JSON. */
  accept?: string;
}

export interface FetchLimits {
  /** TCP connect plus TLS handshake, per hop. */
  connectTimeoutMs: number;
  /** The whole fetch: waiting for a host slot, DNS, every redirect hop, the full body. */
  totalTimeoutMs: number;
  maxRedirects: number;
  /** Cap on the decoded body. */
  maxBodyBytes: number;
}

export const DEFAULT_FETCH_LIMITS: Readonly<FetchLimits> = Object.freeze({
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 20_000,
  maxRedirects: 5,
  maxBodyBytes: 5 * 1024 * 1024,
});

export interface FetchDeps {
  /** Reads latency and turns Retry-After / Expires dates into delays. */
  clock: Clock;
  resolver: Resolver;
  policy: AddressPolicy;
  hostLimiter: HostLimiter;
  limits?: Partial<FetchLimits>;
  userAgent?: string;
}

interface ResponseMeta {
  /** The URL after redirects. */
  finalUrl: string;
  status: number;
  /** From the first hop's start to the end of the body, on the injected clock. */
  latencyMs: number;
  etag?: string;
  lastModified?: string;
  /** Cache-Control max-age or Expires, for the next-poll computation. */
  cacheMaxAgeMs?: number;
}

export interface NotModified extends ResponseMeta {
  notModified: true;
}

export interface FetchedDocument extends ResponseMeta {
  notModified: false;
  body: Buffer;
  contentType?: string;
}

export type FetchResult = NotModified | FetchedDocument;

type Hop =
  | { kind: 'redirect'; location: string }
  | { kind: 'not-modified'; status: number; headers: ResponseHeaders }
  | { kind: 'document'; status: number; headers: ResponseHeaders; body: Buffer };

interface HopContext {
  req: FetchRequest;
  deps: FetchDeps;
  limits: FetchLimits;
  userAgent: string;
  signal: AbortSignal;
}

/**
 * Fetches one document for a polled source or a webhook: conditional GET, redirects followed
 * by hand (each target's scheme and addresses checked again), the connection pinned to the
 * checked address, the decoded body capped, the whole thing bounded by one timeout that
 * really closes the socket. Throws only FetchError.
 *
 * @example
 * const result = await fetchDocument(
 *   { url: 'https://www.githubstatus.com/api/v2/incidents.json', sourceId: 'github-status',
 *     etag: source.etag, lastModified: source.lastModified },
 *   { clock: wallClock, resolver: systemResolver, policy: createAddressPolicy(),
 *     hostLimiter: createHostLimiter() },
 * );
 * if (!result.notModified) await adapter.parse(result.body.toString('utf8'), ctx);
 */
export async function fetchDocument(req: FetchRequest, deps: FetchDeps): Promise<FetchResult> {
  const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, ...deps.limits };
  const started = deps.clock.now();
  // Aborting this signal destroys whichever socket is open, so a server that never answers,
  // or trickles a byte a second, cannot hold the fetch past the limit.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('total timeout')), limits.totalTimeoutMs);
  const ctx: HopContext = {
    req,
    deps,
    limits,
    userAgent: deps.userAgent ?? defaultUserAgent(),
    signal: controller.signal,
  };
  let url = req.url;
  try {
    let current = checkScheme(req.url, req.url);
    const visited = new Set<string>([current.href]);
    for (let redirects = 0; ; redirects++) {
      url = current.href;
      const target = current;
      const hop = await deps.hostLimiter.run(target.hostname, () => fetchHop(target, ctx), controller.signal);
      if (hop.kind !== 'redirect') return toResult(hop, url, deps.clock.now() - started, deps.clock.now());

      const next = checkScheme(hop.location, url, current);
      if (visited.has(next.href)) {
        throw new FetchError('redirect-loop', url, `redirect loop: ${next.href} was already visited`);
      }
      if (redirects >= limits.maxRedirects) {
        throw new FetchError('too-many-redirects', url, `more than ${limits.maxRedirects} redirects (next: ${next.href})`);
      }
      visited.add(next.href);
      current = next;
    }
  } catch (err) {
    const failure =
      controller.signal.aborted && !(err instanceof FetchError)
        ? new FetchError('timeout', url, `no complete response within ${limits.totalTimeoutMs} ms; connection closed`, { cause: err })
        : fetchErrorFrom(err, url);
    throw withSource(failure, req.sourceId);
  } finally {
    clearTimeout(timer);
  }
}

/** One request to one URL: resolve, check, pin, send, read. Runs inside a host slot. */
async function fetchHop(url: URL, ctx: HopContext): Promise<Hop> {
  const { deps, limits, signal } = ctx;
  const hostname = stripBrackets(url.hostname);
  const address = await pickAddress(hostname, url.href, deps, signal);
  const dispatcher = createPinnedAgent({
    hostname: url.hostname,
    address,
    connectTimeoutMs: limits.connectTimeoutMs,
    idleTimeoutMs: limits.totalTimeoutMs,
  });
  try {
    const res = await request(url, {
      dispatcher,
      method: 'GET',
      headers: buildRequestHeaders(ctx.req, ctx.userAgent, ctx.req.accept),
      signal,
    });
    // Errors on an unread body (after an abort) must not become uncaught 'error' events;
    // readers below still see them through pipeline / dump.
    res.body.on('error', () => {});
    const headers: ResponseHeaders = res.headers;
    const status = res.statusCode;

    if (isRedirect(status) && headerValue(headers, 'location')) {
      await res.body.dump();
      return { kind: 'redirect', location: headerValue(headers, 'location') ?? '' };
    }
    if (isNotModified(status)) {
      await res.body.dump();
      return { kind: 'not-modified', status, headers };
    }
    if (!isSuccess(status)) {
      await res.body.dump();
      throw statusError(status, url.href, headers, deps.clock.now());
    }
    const declared = Number(headerValue(headers, 'content-length'));
    const encoding = headerValue(headers, 'content-encoding');
    const encoded = encoding !== undefined && encoding.trim().toLowerCase() !== 'identity';
    if (!encoded && Number.isFinite(declared) && declared > limits.maxBodyBytes) {
      throw new FetchError('too-large', url.href, `Content-Length ${declared} is over the ${formatBytes(limits.maxBodyBytes)} limit`);
    }
    const body = await readCappedBody(res.body, encoding, limits.maxBodyBytes, url.href);
    return { kind: 'document', status, headers, body };
  } finally {
    // Closes the socket whatever happened: body read, cut at the cap, or aborted.
    await dispatcher.destroy().catch(() => {});
  }
}

/**
 * Resolves the host and returns the first address the policy accepts. Later addresses are not
 * tried: one checked address, pinned, is what makes rebinding impossible.
 */
async function pickAddress(hostname: string, url: string, deps: FetchDeps, signal: AbortSignal): Promise<string> {
  let addresses: string[];
  if (isIP(hostname)) {
    addresses = [hostname];
  } else {
    try {
      addresses = await untilAborted(deps.resolver(hostname), signal);
    } catch (err) {
      // The whole-request limit ran out while the lookup waited: say it was the lookup, not the server.
      if (signal.aborted)
        throw new FetchError('timeout', url, `could not resolve ${hostname}: no answer before the request's time limit; gave up`, { cause: err });
      const reason = err instanceof Error ? err.message : String(err);
      throw new FetchError('dns', url, `could not resolve ${hostname} (${reason})`, { cause: err });
    }
    if (addresses.length === 0) throw new FetchError('dns', url, `${hostname} has no addresses`);
  }
  const refused: string[] = [];
  for (const address of addresses) {
    const verdict = deps.policy.check(address);
    if (verdict.ok) return address;
    refused.push(verdict.reason);
  }
  throw new FetchError('blocked-address', url, `refusing to connect to ${hostname}: ${refused.join('; ')}`);
}

/** Parses `location` (relative to `base`) and refuses anything but http: and https:. */
function checkScheme(location: string, from: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(location, base);
  } catch (err) {
    throw new FetchError('bad-scheme', from, `"${location}" is not a valid URL`, { cause: err });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const what = base ? `redirect to ${url.protocol} URL ${url.href} refused` : `${url.protocol} URLs are not fetched`;
    throw new FetchError('bad-scheme', from, `${what}; only http and https are allowed`);
  }
  // Fragments never reach the server; dropping them keeps loop detection honest.
  url.hash = '';
  return url;
}

function toResult(hop: Exclude<Hop, { kind: 'redirect' }>, finalUrl: string, latencyMs: number, nowMs: number): FetchResult {
  const meta: ResponseMeta = { finalUrl, status: hop.status, latencyMs };
  const etag = headerValue(hop.headers, 'etag');
  const lastModified = headerValue(hop.headers, 'last-modified');
  const cacheMaxAgeMs = parseCacheMaxAge(hop.headers, nowMs);
  if (etag !== undefined) meta.etag = etag;
  if (lastModified !== undefined) meta.lastModified = lastModified;
  if (cacheMaxAgeMs !== undefined) meta.cacheMaxAgeMs = cacheMaxAgeMs;
  if (hop.kind === 'not-modified') return { ...meta, notModified: true };
  const contentType = headerValue(hop.headers, 'content-type');
  return { ...meta, notModified: false, body: hop.body, ...(contentType === undefined ? {} : { contentType }) };
}
