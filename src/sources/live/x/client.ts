import http from 'node:http';
import https from 'node:https';
import { TwitterApi, type ITwitterApiClientPlugin, type TwitterApiReadOnly } from 'twitter-api-v2';

export interface XClientOptions {
  /** App-only bearer token (X_BEARER_TOKEN). */
  bearerToken: string;
  /**
   * Where the X API lives when it is not https://api.x.com: a replay or test server, e.g.
   * `http://127.0.0.1:4010`. Every request, streams included, is rewritten to it.
   */
  baseUrl?: string;
}

/** A read-only X API v2 client and the connection pool it owns. */
export interface XClient {
  api: TwitterApiReadOnly;
  /** Closes pooled keep-alive connections. */
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
  if (!opts.baseUrl) {
    const agent = new https.Agent({ keepAlive: true });
    return { api: new TwitterApi(opts.bearerToken, { httpAgent: agent }).readOnly, close: () => agent.destroy() };
  }
  const base = new URL(opts.baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error(`createXClient: baseUrl must be http(s), got ${opts.baseUrl}`);
  const agent = base.protocol === 'http:' ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true });
  const api = new TwitterApi(opts.bearerToken, { httpAgent: agent, plugins: [toBase(base)] }).readOnly;
  return { api, close: () => agent.destroy() };
}
