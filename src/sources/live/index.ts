/**
 * Social and community sources that are not plain documents: X (polled through the API, and
 * its filtered stream), Mastodon timelines (polled with since_id) and Bluesky Jetstream
 * (a WebSocket stream).
 *
 * - The ingest stage calls `pollSocialSource` for `twitter` and `mastodon` sources instead of
 *   the document path (they have no single URL to fetch conditionally).
 * - A process that runs the ingest stage calls `startLiveSources` once, for the streams.
 *
 * @example
 * // in ingestSource, right after loading the source:
 * if (isSocialPolledKind(source.kind)) return pollSocialSource(ctx, deps, sourceId);
 * // in startServices, when the ingest stage runs here:
 * const live = startLiveSources(ctx, pipeline);   // … and on shutdown: await live.stop();
 */
import type { AppContext } from '../../app/context.js';
import type { IngestResult } from '../../pipeline/ingest.js';
import type { PipelineDeps } from '../../pipeline/deps.js';
import { getSource } from '../../store/sources-repo.js';
import { startJetstream, type JetstreamDeps, type JetstreamHandle } from './bluesky/jetstream.js';
import { pollMastodonSource } from './mastodon/poller.js';
import type { Timers } from './timers.js';
import { createXClient, type XClient } from './x/client.js';
import { noteXOff } from './x/credentials.js';
import { pollXSource } from './x/poll.js';
import { startXFilteredStream, type XStreamEvent, type XStreamHandle, type XStreamOptions } from './x/stream.js';

export { createXClient, type XClient } from './x/client.js';
export { pollXSource } from './x/poll.js';
export { pollMastodonSource } from './mastodon/poller.js';
export { startJetstream } from './bluesky/jetstream.js';
export { startXFilteredStream } from './x/stream.js';
export { reconnectDelay } from './x/backoff.js';

/**
 * Posts per calendar month the X plan lets us read, when nothing else is said. Basic allows
 * more; set `x.monthlyReadBudget` to the plan's figure.
 */
export const DEFAULT_X_MONTHLY_READ_BUDGET = 10_000;

export const SOCIAL_POLLED_KINDS = ['twitter', 'mastodon'] as const;

export function isSocialPolledKind(kind: string): boolean {
  return (SOCIAL_POLLED_KINDS as readonly string[]).includes(kind);
}

export interface XLiveOptions {
  /** A ready client (tests, replay); null: X is off. Absent: made from X_BEARER_TOKEN, if set. */
  client?: XClient | null;
  /** Where the X API is (a replay server), for the client made from X_BEARER_TOKEN. */
  baseUrl?: string;
  monthlyReadBudget?: number;
  /** Posts per request, at most 100. */
  pageSize?: number;
  /** The filtered stream; absent or null: not started. */
  stream?: XStreamOptions | null;
  onStreamEvent?: (e: XStreamEvent) => void;
}

/** The pipeline's dependencies plus what the live sources may be given. */
export interface LiveDeps extends PipelineDeps {
  x?: XLiveOptions;
  timers?: Timers;
  jetstream?: Partial<Pick<JetstreamDeps, 'rewindMs' | 'saveEveryMs' | 'onEvent'>> & {
    /** Accounts to follow per bluesky source id (Jetstream wantedDids). */
    wantedDids?: Record<string, readonly string[]>;
  };
  /** Hold a Redis lock per stream so that one process at most consumes it. Default true. */
  exclusive?: boolean;
}

// One client per configuration and base URL, made on first use, closed by stop().
const clients = new WeakMap<object, Map<string, XClient>>();

/** The X client to use, or null when there are no credentials (X is then off). */
export function xClientFor(ctx: AppContext, deps: LiveDeps): XClient | null {
  if (deps.x && deps.x.client !== undefined) return deps.x.client;
  const token = ctx.config.secrets.xBearerToken;
  if (!token) return null;
  const key = deps.x?.baseUrl ?? '';
  let byUrl = clients.get(ctx.config);
  if (!byUrl) clients.set(ctx.config, (byUrl = new Map()));
  let client = byUrl.get(key);
  if (!client) byUrl.set(key, (client = createXClient({ bearerToken: token, baseUrl: deps.x?.baseUrl })));
  return client;
}

function closeOwnClients(ctx: AppContext): void {
  const byUrl = clients.get(ctx.config);
  for (const c of byUrl?.values() ?? []) c.close();
  clients.delete(ctx.config);
}

/**
 * One poll of a `twitter` or `mastodon` source: reads what is new since the cursor, stores it,
 * queues it for analysis, and records the outcome and the next poll on the source. Never throws
 * for a failed fetch.
 */
export async function pollSocialSource(ctx: AppContext, deps: LiveDeps, sourceId: string): Promise<IngestResult> {
  const source = await getSource(ctx.db, sourceId);
  if (!source || !source.enabled || source.paused) return { outcome: 'skipped', newPosts: 0 };
  switch (source.kind) {
    case 'twitter':
      return pollXSource(ctx, source, {
        client: xClientFor(ctx, deps),
        random: deps.random,
        monthlyReadBudget: deps.x?.monthlyReadBudget ?? DEFAULT_X_MONTHLY_READ_BUDGET,
        pageSize: deps.x?.pageSize,
        requestTimeoutMs: ctx.config.network.request_timeout,
      });
    case 'mastodon':
      return pollMastodonSource(ctx, source, { fetch: deps.fetch, random: deps.random });
    default:
      return { outcome: 'skipped', newPosts: 0, error: `${source.kind} is not a polled social kind` };
  }
}

export interface LiveSources {
  /** Closes every stream, waits for what they received to be stored, saves their cursors. */
  stop(): Promise<void>;
}

/**
 * Starts the long-lived consumers of this process: one Jetstream consumer per enabled bluesky
 * source, and the X filtered stream when it is configured and there are credentials. Without
 * credentials, X says so once in the log and everything else runs.
 */
export function startLiveSources(ctx: AppContext, deps: LiveDeps): LiveSources {
  const handles: Array<JetstreamHandle | XStreamHandle> = [];
  for (const s of ctx.config.sources) {
    if (s.kind !== 'bluesky' || !s.enabled) continue;
    handles.push(
      startJetstream(ctx, { id: s.id, url: s.url, keywords: s.keywords, tier: s.trust, provider: s.provider }, {
        fetch: deps.fetch,
        timers: deps.timers,
        rewindMs: deps.jetstream?.rewindMs,
        saveEveryMs: deps.jetstream?.saveEveryMs,
        onEvent: deps.jetstream?.onEvent,
        wantedDids: deps.jetstream?.wantedDids?.[s.id],
        exclusive: deps.exclusive,
      }),
    );
  }
  const wantsX = Boolean(deps.x?.stream) || ctx.config.sources.some((s) => s.kind === 'twitter' && s.enabled);
  const client = wantsX ? xClientFor(ctx, deps) : null;
  if (wantsX && !client) noteXOff(ctx);
  if (deps.x?.stream && client) {
    handles.push(
      startXFilteredStream(
        ctx,
        {
          client,
          monthlyReadBudget: deps.x.monthlyReadBudget ?? DEFAULT_X_MONTHLY_READ_BUDGET,
          timers: deps.timers,
          exclusive: deps.exclusive,
          onEvent: deps.x.onStreamEvent,
        },
        deps.x.stream,
      ),
    );
  }
  return {
    async stop() {
      await Promise.all(handles.map((h) => h.stop()));
      closeOwnClients(ctx);
    },
  };
}
