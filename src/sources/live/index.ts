/**
 * The live sources: kinds read through an API from a cursor (X, Mastodon) and streamed kinds
 * (Bluesky Jetstream), dispatched through the source registry. Each kind's plugin brings its
 * reader (`fetch`, `connect`, `background`: src/sources/plugin.ts); nothing here names a kind.
 *
 * - `pollLiveSource` reads one source of an API-read kind and returns what it read (pages,
 *   cursor, facts) or throws a LivePollError; the pipeline stores and records it
 *   (src/pipeline/ingest-live.ts).
 * - `startLiveSources` starts the streams of this process, given the pipeline's PostSink.
 *
 * @example
 * // in the pipeline:
 * const read = await pollLiveSource(ctx, deps, source);   // then store read.pages, record the outcome
 * const live = startLiveSources(ctx, deps, postSink(ctx)); // … and on shutdown: await live.stop();
 */
import type { SourceState } from '../../store/sources-repo.js';
import type { ApiPlugin } from '../plugin.js';
import type { ReadContext } from '../read-context.js';
import { API_PLUGINS, API_POLLED_KINDS, apiPluginFor, STREAMED_PLUGINS } from '../registry.js';
import type { LiveDeps } from './deps.js';
import type { LiveHandle, LivePoll, PostSink } from './result.js';

export { DEFAULT_X_MONTHLY_READ_BUDGET, type LiveDeps, type XLiveOptions } from './deps.js';
export { createXClient, type XClient } from './x/client.js';
export { pollX } from './x/poll.js';
export { pollMastodon } from './mastodon/poller.js';
export { LivePollError, type LiveHandle, type LivePoll, type LivePollFacts, type PostSink, type PostSinkSource } from './result.js';
export { startJetstream } from './bluesky/jetstream.js';
export { startXFilteredStream } from './x/stream.js';
export { reconnectDelay } from './x/backoff.js';

/** The polled kinds read through an API with a cursor (the registry's plugins with their own `fetch`). */
export const SOCIAL_POLLED_KINDS = API_POLLED_KINDS;

export function isSocialPolledKind(kind: string): boolean {
  return apiPluginFor(kind) !== undefined;
}

/**
 * The source's sources.yaml entry, or null. Each plugin's reader is handed it as its own entry
 * type: the configuration was validated by that plugin's schema (the union is discriminated by
 * kind), and the registry's plugins are typed as plugins of any schema.
 */
function configOf(ctx: ReadContext, plugin: ApiPlugin, source: SourceState): Parameters<ApiPlugin['fetch']>[2] {
  return ctx.config.sources.find((s) => s.id === source.id && s.kind === plugin.kind) ?? null;
}

/**
 * Reads one source of a kind polled through an API (the plugin's `fetch`): what is new since its
 * cursor. Resolves with the pages and the cursor (or `skipped` when the source is not of such a
 * kind); throws a LivePollError for a failed fetch or an unreadable answer. Stores and records
 * nothing.
 */
export async function pollLiveSource(ctx: ReadContext, deps: LiveDeps, source: SourceState): Promise<LivePoll> {
  const plugin = apiPluginFor(source.kind);
  if (!plugin) return { pages: [], facts: {}, skipped: `${source.kind} is not a polled social kind` };
  return plugin.fetch(ctx, source, configOf(ctx, plugin, source), deps);
}

export interface LiveSources {
  /** Closes every stream, waits for what they received to be stored, saves their cursors. */
  stop(): Promise<void>;
}

/**
 * Starts the long-lived consumers of this process: each streamed plugin's consumer for each of
 * its enabled sources, and what each API-read plugin runs once per process (the X filtered
 * stream). What they receive goes to `store`, the pipeline's sink.
 */
export function startLiveSources(ctx: ReadContext, deps: LiveDeps, store: PostSink): LiveSources {
  const handles: LiveHandle[] = [];
  for (const plugin of STREAMED_PLUGINS) {
    for (const s of ctx.config.sources) if (s.enabled && s.kind === plugin.kind) handles.push(plugin.connect(ctx, s, deps, store));
  }
  for (const plugin of API_PLUGINS) {
    const h = plugin.background?.(ctx, deps, store);
    if (h) handles.push(h);
  }
  return {
    async stop() {
      await Promise.all(handles.map((h) => h.stop()));
    },
  };
}
