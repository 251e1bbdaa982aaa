import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { request } from 'undici';
import { fetchErrorFrom } from '../../fetch/errors.js';
import { createPinnedAgent } from '../../fetch/pinned-agent.js';
import { headerValue, type ResponseHeaders } from '../../fetch/response-handler.js';
import { defaultUserAgent } from '../../fetch/user-agent.js';
import { checkTarget, type TargetDeps } from './target.js';
import { untilAborted } from '../../fetch/until-aborted.js';

export interface PostLimits {
  /** The whole attempt: DNS, connect, sending, the answer's headers and the part of its body we read. */
  timeoutMs: number;
  /** We read at most this much of the answer, then hang up: a receiver cannot make us buffer more. */
  maxResponseBytes: number;
}

/** Standard Webhooks recommends 15 to 30 s; we take the low end. */
export const DEFAULT_POST_LIMITS: Readonly<PostLimits> = Object.freeze({ timeoutMs: 15_000, maxResponseBytes: 64 * 1024 });

export interface PostDeps extends TargetDeps {
  limits?: Partial<PostLimits>;
  userAgent?: string;
}

export type PostErrorCode =
  | 'bad-url'
  | 'dns'
  | 'blocked-address' // every address of the host is refused by the address policy
  | 'timeout'
  | 'redirect' // 3xx: a failure, never followed (the redirect target was never checked or consented)
  | 'gone' // 410: the receiver wants no more
  | 'http-status' // any other non-2xx
  | 'network';

export interface PostResult {
  ok: boolean;
  /** Set when ok is false. */
  code?: PostErrorCode;
  error?: string;
  /** Null when no response arrived. */
  status: number | null;
  /** Raw Retry-After header of a failed response, for the retry schedule. */
  retryAfter?: string;
  latencyMs: number;
  /** How much of the answer we read (never more than maxResponseBytes). */
  responseBytes: number;
  /** The start of the answer as text, for the delivery log. */
  excerpt: string | null;
}

const EXCERPT_BYTES = 512;

/**
 * Sends one webhook attempt: POST `body` to `url`, connecting only to an address the policy
 * accepted just now, never following a redirect, giving up after timeoutMs and reading at most
 * maxResponseBytes of the answer. Never throws: every outcome is a PostResult for the log.
 *
 * @example
 * const r = await postOnce('https://example.com/hooks', body, signatureHeaders(secret, id, ts, body),
 *   { resolver: systemResolver, policy: createAddressPolicy() });
 * if (!r.ok) console.log(r.code, r.error); // 'http-status' 'receiver answered HTTP 500'
 */
export async function postOnce(url: string, body: string, headers: Record<string, string>, deps: PostDeps): Promise<PostResult> {
  const limits: PostLimits = { ...DEFAULT_POST_LIMITS, ...deps.limits };
  // Latency is a measurement on the monotonic clock, not a domain time: under replay the
  // injected clock stands still while a real request runs.
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('webhook attempt timed out')), limits.timeoutMs);
  const fail = (code: PostErrorCode, error: string, extra: Partial<PostResult> = {}): PostResult => ({
    ok: false,
    code,
    error,
    status: null,
    latencyMs: elapsed(),
    responseBytes: 0,
    excerpt: null,
    ...extra,
  });
  let dispatcher: ReturnType<typeof createPinnedAgent> | undefined;
  try {
    const target = await untilAborted(checkTarget(url, deps), controller.signal);
    if (!target.ok) return fail(target.code, target.reason);

    dispatcher = createPinnedAgent({
      hostname: target.url.hostname,
      address: target.address,
      connectTimeoutMs: Math.min(10_000, limits.timeoutMs),
      idleTimeoutMs: limits.timeoutMs,
    });
    const res = await request(target.url, {
      method: 'POST',
      dispatcher,
      signal: controller.signal,
      headers: { 'content-type': 'application/json', 'user-agent': deps.userAgent ?? defaultUserAgent(), ...headers },
      body,
    });
    res.body.on('error', () => {}); // surfaces through the read below, or not at all after we hang up
    const read = await readCapped(res.body, limits.maxResponseBytes);
    const status = res.statusCode;
    const answered = { status, responseBytes: read.length, excerpt: excerptOf(read) };
    if (status >= 200 && status < 300) return { ok: true, latencyMs: elapsed(), ...answered };
    const resHeaders: ResponseHeaders = res.headers;
    const retryAfter = headerValue(resHeaders, 'retry-after');
    const extra = { ...answered, ...(retryAfter === undefined ? {} : { retryAfter }) };
    if (status === 410) return fail('gone', 'receiver answered 410 Gone', extra);
    if (status >= 300 && status < 400) {
      const location = headerValue(resHeaders, 'location');
      return fail('redirect', `receiver answered HTTP ${status}${location ? ` to ${location}` : ''}; redirects are not followed, update the URL`, extra);
    }
    return fail('http-status', `receiver answered HTTP ${status}`, extra);
  } catch (err) {
    if (controller.signal.aborted) return fail('timeout', `no answer within ${limits.timeoutMs} ms; connection closed`);
    const e = fetchErrorFrom(err, url);
    return fail(e.code === 'dns' ? 'dns' : e.code === 'timeout' || e.code === 'connect-timeout' ? 'timeout' : 'network', e.detail);
  } finally {
    clearTimeout(timer);
    // Closes the socket whatever happened: answered, cut at the cap, or aborted.
    await dispatcher?.destroy().catch(() => {});
  }
}

/** Reads up to `max` bytes, then stops (leaving the loop destroys the stream; the socket closes). */
async function readCapped(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const room = max - total;
    if (chunk.length >= room) {
      chunks.push(chunk.subarray(0, room));
      total += room;
      break;
    }
    chunks.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(chunks, total);
}

function excerptOf(bytes: Buffer): string | null {
  if (!bytes.length) return null;
  // May end mid-character; the replacement character is fine in a log.
  return bytes.subarray(0, EXCERPT_BYTES).toString('utf8');
}
