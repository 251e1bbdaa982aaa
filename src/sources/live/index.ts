/**
 * Social and community sources that are not plain documents: X (polled through the API, and
 * its filtered stream), Mastodon timelines (polled with since_id) and Bluesky Jetstream
 * (a WebSocket stream).
 *
 * - `pollLiveSource` reads one `twitter` or `mastodon` source and returns what it read (pages,
 *   cursor, facts) or throws a LivePollError; the pipeline stores and records it
 *   (src/pipeline/ingest-live.ts).
 * - `startLiveSources` starts the streams of this process, given the pipeline's PostSink.
 *
 * @example
 * // in the pipeline:
 * const read = await pollLiveSource(ctx, deps, source);   // then store read.pages, record the outcome
 * const live = startLiveSources(ctx, deps, postSink(ctx)); // … and on shutdown: await live.stop();
 */
import type { AppContext } from '../../app/context.js';
import type { SourceConfig } from '../../config/schema.js';
import type { FetchDeps } from '../../fetch/index.js';
import type { SourceState } from '../../store/sources-repo.js';
import { API_POLLED_KINDS, type KindOf } from '../registry.js';
import { startJetstream, type JetstreamDeps, type JetstreamHandle } from './bluesky/jetstream.js';
import { pollMastodon } from './mastodon/poller.js';
import type { LivePoll, PostSink } from './result.js';
import type { Timers } from './timers.js';
import { createXClient, type XClient } from './x/client.js';
import { noteXOff } from './x/credentials.js';
import { pollX } from './x/poll.js';
import { startXFilteredStream, type XStreamEvent, type XStreamHandle, type XStreamOptions } from './x/stream.js';

export { createXClient, type XClient } from './x/client.js';
export { pollX } from './x/poll.js';
export { pollMastodon } from './mastodon/poller.js';
export { LivePollError, type LivePoll, type LivePollFacts, type PostSink, type PostSinkSource } from './result.js';
export { startJetstream } from './bluesky/jetstream.js';
export { startXFilteredStream } from './x/stream.js';
export { reconnectDelay } from './x/backoff.js';

/**
 * Posts per calendar month the X plan lets us read, when nothing else is said. Basic allows
 * more; set `x.monthlyReadBudget` to the plan's figure.
 */
export const DEFAULT_X_MONTHLY_READ_BUDGET = 10_000;

/** The polled kinds read through an API with a cursor (the registry's `fetch: 'api'` plugins). */
export const SOCIAL_POLLED_KINDS = API_POLLED_KINDS;

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

/**
 * What the live sources are given: the fetch parts and jitter (the pipeline's PipelineDeps has
 * them), and what tests and replay may set.
 */
export interface LiveDeps {
  fetch: FetchDeps;
  /** Returns [0, 1): jitter of the next poll. */
  random: () => number;
  x?: XLiveOptions;
  /** Mastodon paging (tests): statuses per request (at most 40) and pages per cycle. */
  mastodon?: { pageSize?: number; maxPages?: number };
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

type TwitterSource = Extract<SourceConfig, { kind: 'twitter' }>;
type LivePoller = (ctx: AppContext, deps: LiveDeps, source: SourceState) => Promise<LivePoll>;

/**
 * One poller per kind the registry reads through an API: a plugin of `fetch: 'api'` without
 * its poller here does not compile.
 */
const POLLERS: Record<KindOf<{ fetch: 'api' }>, LivePoller> = {
  async twitter(ctx, deps, source) {
    const cfg = ctx.config.sources.find((s): s is TwitterSource => s.id === source.id && s.kind === 'twitter');
    if (!cfg) return { pages: [], facts: {}, skipped: `${source.id} is not a configured twitter source` };
    return pollX(ctx, source, cfg, {
      client: xClientFor(ctx, deps),
      random: deps.random,
      monthlyReadBudget: deps.x?.monthlyReadBudget ?? DEFAULT_X_MONTHLY_READ_BUDGET,
      pageSize: deps.x?.pageSize,
      requestTimeoutMs: ctx.config.network.request_timeout,
    });
  },
  async mastodon(ctx, deps, source) {
    if (!source.url) return { pages: [], facts: {}, skipped: `${source.id} has no URL` };
    return pollMastodon(ctx, source, source.url, { fetch: deps.fetch, ...deps.mastodon });
  },
};

/**
 * Reads one source of a kind polled through an API (`twitter`, `mastodon`): what is new since
 * its cursor. Resolves with the pages and the cursor (or `skipped` when the source is not of
 * such a kind); throws a LivePollError for a failed fetch or an unreadable answer. Stores and
 * records nothing.
 */
export async function pollLiveSource(ctx: AppContext, deps: LiveDeps, source: SourceState): Promise<LivePoll> {
  const poller = Object.hasOwn(POLLERS, source.kind) ? POLLERS[source.kind as keyof typeof POLLERS] : undefined;
  if (!poller) return { pages: [], facts: {}, skipped: `${source.kind} is not a polled social kind` };
  return poller(ctx, deps, source);
}

type StreamedSource = Extract<SourceConfig, { kind: KindOf<{ mode: 'streamed' }> }>;
type StreamStarter<S> = (source: S, ctx: AppContext, deps: LiveDeps, store: PostSink) => JetstreamHandle;

/** One consumer per streamed kind of the registry: a streamed plugin without one does not compile. */
const STREAMS: { [K in StreamedSource['kind']]: StreamStarter<Extract<StreamedSource, { kind: K }>> } = {
  bluesky: (s, ctx, deps, store) =>
    startJetstream(
      ctx,
      { id: s.id, url: s.url, keywords: s.keywords, tier: s.trust, provider: s.provider },
      {
        fetch: deps.fetch,
        store,
        timers: deps.timers,
        rewindMs: deps.jetstream?.rewindMs,
        saveEveryMs: deps.jetstream?.saveEveryMs,
        onEvent: deps.jetstream?.onEvent,
        wantedDids: deps.jetstream?.wantedDids?.[s.id],
        exclusive: deps.exclusive,
      },
    ),
};

function isStreamed(s: SourceConfig): s is StreamedSource {
  return Object.hasOwn(STREAMS, s.kind);
}

function connectStream<S extends StreamedSource>(s: S, ctx: AppContext, deps: LiveDeps, store: PostSink): JetstreamHandle {
  // One entry per kind, so the entry of s.kind takes s; TypeScript cannot follow that through the index.
  const start = STREAMS[s.kind] as StreamStarter<S>;
  return start(s, ctx, deps, store);
}

export interface LiveSources {
  /** Closes every stream, waits for what they received to be stored, saves their cursors. */
  stop(): Promise<void>;
}

/**
 * Starts the long-lived consumers of this process: one Jetstream consumer per enabled bluesky
 * source, and the X filtered stream when it is configured and there are credentials. Without
 * credentials, X says so once in the log and everything else runs. What they receive goes to
 * `store`, the pipeline's sink.
 */
export function startLiveSources(ctx: AppContext, deps: LiveDeps, store: PostSink): LiveSources {
  const handles: Array<JetstreamHandle | XStreamHandle> = [];
  for (const s of ctx.config.sources) {
    if (!s.enabled || !isStreamed(s)) continue;
    handles.push(connectStream(s, ctx, deps, store));
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
          store,
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
