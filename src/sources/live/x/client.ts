import http from 'node:http';
import https from 'node:https';
import { TwitterApi, type ITwitterApiClientPlugin, type TwitterApiReadOnly } from 'twitter-api-v2';
import { boundedRequests, type XRequestLimits } from './bounded.js';

export interface XClientOptions {
  /** App-only bearer token (X_BEARER_TOKEN). */
  bearerToken: string;
  /**
   * Where the X API lives when it is not https://api.x.com: a replay or test server, e.g.
   * `http://127.0.0.1:4010`. Every request, streams included, is rewritten to it.
   */
  baseUrl?: string;
  /** Bounds on each request (not the filtered stream); default 20 s and 5 MiB, as for fetches. */
  limits?: Partial<XRequestLimits>;
}

export const DEFAULT_X_REQUEST_LIMITS: Readonly<XRequestLimits> = Object.freeze({ timeoutMs: 20_000, maxResponseBytes: 5 * 1024 * 1024 });

/** A read-only X API v2 client and the connections it owns. */
export interface XClient {
  api: TwitterApiReadOnly;
  /** Closes its open connections (the filtered stream's included). */
  close(): void;
}

/**
 * The client's prefix is fixed to https://api.x.com/2/ and it always calls `https.request`; a
 * plugin rewrites each request to the base URL and an http.Agent lets it speak plain HTTP
 * there (docs/decisions.md, "Measured in the dependencies").
 */
function toBase(base: URL): ITwitterApiClientPlugin {
  const origin = base.origin;
  return {
    onBeforeRequest({ computedParams }) {
      computedParams.url.protocol = base.protocol;
      computedParams.url.host = base.host;
    },
    onBeforeStreamRequestConfig({ params }) {
      params.url = params.url.replace(/^https:\/\/api\.(x|twitter)\.com/, origin);
    },
  };
}

/**
 * @example
 * const x = createXClient({ bearerToken: config.secrets.xBearerToken });
 * const res = await x.api.v2.get('tweets/search/recent', { query: 'aws outage' }, { fullResponse: true });
 * x.close();
 */
export function createXClient(opts: XClientOptions): XClient {
  if (!opts.bearerToken) throw new Error('createXClient: a bearer token is required');
  const bounded = boundedRequests({ ...DEFAULT_X_REQUEST_LIMITS, ...opts.limits });
  // No keep-alive: the bounds watch each request through the client's per-request event hooks,
  // which also add listeners to the socket that are never removed; a socket reused for every
  // request would gather them without end. X is asked a few pages a minute at most.
  if (!opts.baseUrl) {
    const agent = new https.Agent({ keepAlive: false });
    return { api: new TwitterApi(opts.bearerToken, { httpAgent: agent, plugins: [bounded] }).readOnly, close: () => agent.destroy() };
  }
  const base = new URL(opts.baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`createXClient: baseUrl must be http(s), got ${opts.baseUrl}`);
  const agent = base.protocol === 'http:' ? new http.Agent({ keepAlive: false }) : new https.Agent({ keepAlive: false });
  const api = new TwitterApi(opts.bearerToken, { httpAgent: agent, plugins: [toBase(base), bounded] }).readOnly;
  return { api, close: () => agent.destroy() };
}
