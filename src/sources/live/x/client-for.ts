import type { LiveDeps } from '../deps.js';
import type { ReadContext } from '../../read-context.js';
import type { XRequestLimits } from './bounded.js';
import { createXClient, type XClient } from './client.js';

// One client per configuration and base URL, made on first use, closed by closeOwnXClients().
const clients = new WeakMap<object, Map<string, XClient>>();

/**
 * The X client to use, or null when there are no credentials (X is then off): the one the
 * caller gives (tests, replay), else one made from X_BEARER_TOKEN for X_API_BASE_URL.
 */
export function xClientFor(ctx: ReadContext, deps: LiveDeps): XClient | null {
  if (deps.x && deps.x.client !== undefined) return deps.x.client;
  const token = ctx.config.secrets.xBearerToken;
  if (!token) return null;
  const baseUrl = deps.x?.baseUrl ?? ctx.config.secrets.xApiBaseUrl ?? undefined;
  const key = baseUrl ?? '';
  let byUrl = clients.get(ctx.config);
  if (!byUrl) clients.set(ctx.config, (byUrl = new Map()));
  let client = byUrl.get(key);
  if (!client) byUrl.set(key, (client = createXClient({ bearerToken: token, baseUrl, limits: xRequestLimits(ctx) })));
  return client;
}

/** The fetcher's whole-request timeout and size cap (network.yaml), for X's requests too. */
export function xRequestLimits(ctx: ReadContext): XRequestLimits {
  return { timeoutMs: ctx.config.network.request_timeout, maxResponseBytes: ctx.config.network.max_body_bytes };
}

/** Closes the clients xClientFor made for this configuration (their keep-alive connections). */
export function closeOwnXClients(ctx: ReadContext): void {
  const byUrl = clients.get(ctx.config);
  for (const c of byUrl?.values() ?? []) c.close();
  clients.delete(ctx.config);
}
