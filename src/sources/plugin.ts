import type { z } from 'zod';
import type { Post } from '../domain/post.js';
import type { SourceState } from '../store/sources-repo.js';
import type { ParseContext } from './adapter.js';
import type { ComponentState } from './component-state.js';
import type { LiveDeps } from './live/deps.js';
import type { LiveHandle, LivePoll, PostSink } from './live/result.js';
import type { ReadContext } from './read-context.js';

/**
 * One plugin per source kind, exported by the kind's folder (src/sources/adapters/<kind>/) and
 * listed once in src/sources/registry.ts, from which every list of kinds is derived (the config
 * union, the polled kinds, the status-page kinds, `parse --kind`, `--help`'s kinds table).
 *
 * A plugin carries how its kind is read: a kind polled as one document is fetched by the ingest
 * stage (conditional GET, then `parse`); a kind read through an API brings its `fetch`, a
 * streamed kind its `connect`. Readers are given a ReadContext (src/sources/read-context.ts),
 * not the AppContext, and their own entry typed by their own `configSchema`: nothing here
 * depends on the configuration type built from the plugins, so there is no import cycle.
 */
export type SourceMode = 'polled' | 'streamed' | 'pushed';

/** What any source plugin declares. */
interface PluginBase<K extends string> {
  kind: K;
  /** One line for `--help` and the README. */
  description: string;
}

/** A kind whose documents `parse --kind` reads and whose sources.yaml entries it validates. */
interface ConfiguredPlugin<K extends string, S extends z.ZodObject> extends PluginBase<K> {
  /** The schema of one sources.yaml entry of this kind; its `kind` is `z.literal(kind)`. */
  configSchema: S;
  /** Documents this kind's parser accepts, for `--help`. */
  documents: string[];
  /** The posts of one document, in document order, or a ParseError; async because rss-parser is. */
  parse(doc: string, ctx: ParseContext): Promise<Post[]>;
}

interface PolledBase<K extends string, S extends z.ZodObject> extends ConfiguredPlugin<K, S> {
  mode: 'polled';
  /** Milliseconds between polls when the source gives no `interval`. */
  defaultInterval: number;
}

/** Polled as one document at the source's url: the ingest stage GETs it (conditionally) and calls `parse`. */
export interface DocumentPlugin<K extends string = string, S extends z.ZodObject = z.ZodObject> extends PolledBase<K, S> {
  fetch: 'document';
  /**
   * The official state of each component the document shows, or null when it shows none: the
   * ingest stage compares it with the last poll's and turns each change into an official post.
   */
  componentStates?(doc: string): ComponentState[] | null;
  /**
   * True when the document lists every item the source has going on, however many (Statuspage's
   * summary.json and incidents/unresolved.json): an item missing from it has been ended, never
   * pushed out by newer ones, as in a feed that keeps its newest N items (src/correlate/withdrawn.ts).
   */
  listsAllGoingOn?(doc: string): boolean;
  /**
   * Where the page keeps one incident's own document, with all its updates (Statuspage's
   * `/api/v2/incidents/{id}.json` beside a polled summary.json), or null when it keeps none. When
   * an incident leaves a document that lists everything going on, the ingest stage reads it there
   * for the provider's own closing update, its words and its time, before ending it by its removal
   * (src/pipeline/closing-updates.ts).
   */
  incidentDocumentUrl?(sourceUrl: string, incidentId: string): string | null;
  /**
   * The page's list of recent incidents, ended ones included, beside a polled document that lists
   * only what is going on (Statuspage's `/api/v2/incidents.json` beside summary.json): read when
   * the page changed since the last poll, for incidents that opened and ended between two polls
   * or were written up after the fact (src/pipeline/between-polls.ts).
   */
  recentIncidents?: RecentIncidents;
  /**
   * For posts that stand for a whole incident (a history feed's entry, dated by its latest update)
   * and show it already ended while listing an earlier update that had it going on: that opening
   * update as a post of its own, at its own time. An incident that opened and ended between two
   * polls is then seen as the incident it was, not as a closing update with nothing to close.
   * The ingest stage adds them for incidents the source never showed before
   * (src/pipeline/shown-openings.ts).
   */
  openingsShown?(posts: readonly Post[]): Post[];
  /**
   * True for a kind whose documents carry component states and nothing else (no incidents): a
   * component already not operational when first seen is then a post of its own.
   */
  statesOnly?: true;
  /**
   * The document to poll for a status page the catalog names by its web address (a page's
   * `https://status.example.com` → its `…/api/v2/summary.json`); a URL that already names a
   * document is returned as it is. Without it, the catalog's URL is the document.
   */
  documentUrl?: (pageUrl: string) => string;
}

/** How a page's list of recent incidents is found and read (DocumentPlugin.recentIncidents). */
export interface RecentIncidents {
  /** The list's URL beside the polled document, or null when the page keeps none there. */
  url(sourceUrl: string): string | null;
  /** When the polled document says the page last changed (summary.json's `page.updated_at`), or null when it does not say. */
  changedAt(doc: string): string | null;
  /** The posts of the list's incidents changed after `after` (ISO, the page's own time), in document order, or a ParseError. */
  changedAfter(doc: string, after: string, ctx: ParseContext): Promise<Post[]>;
}

/** Polled through the platform's API, page by page from a cursor. */
export interface ApiPlugin<K extends string = string, S extends z.ZodObject = z.ZodObject> extends PolledBase<K, S> {
  /**
   * Reads what is new on one source since its cursor: the pages and the next cursor, or a
   * LivePollError holding the pages read before the failure. Stores and records nothing (the
   * pipeline does). `config` is the source's sources.yaml entry, null when it has none.
   */
  fetch(ctx: ReadContext, source: SourceState, config: z.infer<S> | null, deps: LiveDeps): Promise<LivePoll>;
  /**
   * A consumer this kind runs once per process besides its polls (the X filtered stream), where
   * the ingest stage runs; null when it has nothing to run.
   */
  background?(ctx: ReadContext, deps: LiveDeps, store: PostSink): LiveHandle | null;
}

/** Read from a long-lived connection that delivers posts as they are made. */
export interface StreamedPlugin<K extends string = string, S extends z.ZodObject = z.ZodObject> extends ConfiguredPlugin<K, S> {
  mode: 'streamed';
  defaultInterval: null;
  /** Starts the consumer of one enabled source; what it receives goes to `store`. */
  connect(ctx: ReadContext, source: z.infer<S>, deps: LiveDeps, store: PostSink): LiveHandle;
}

/** Sent to our own API; nothing is configured, fetched or parsed from a document. */
export interface PushedPlugin<K extends string = string> extends PluginBase<K> {
  mode: 'pushed';
  configSchema: null;
  defaultInterval: null;
  /** Where the posts arrive, for `--help` and the README. */
  endpoint: string;
}

export type PolledPlugin = DocumentPlugin | ApiPlugin;
export type SourcePlugin = PolledPlugin | StreamedPlugin | PushedPlugin;
/** A plugin with a parser and a sources.yaml schema. */
export type ParsingPlugin = PolledPlugin | StreamedPlugin;

export function isParsing<P extends SourcePlugin>(p: P): p is Exclude<P, PushedPlugin> {
  return p.mode !== 'pushed';
}

export function isApiPolled(p: SourcePlugin): p is ApiPlugin {
  return p.mode === 'polled' && typeof p.fetch === 'function';
}

export function isDocumentPolled(p: SourcePlugin): p is DocumentPlugin {
  return p.mode === 'polled' && p.fetch === 'document';
}

/** How a kind is read, in a few words, for `--help`'s kinds table and the README. */
export function modeLabel(p: SourcePlugin): string {
  if (p.mode !== 'polled') return p.mode;
  return p.fetch === 'document' ? 'polled' : 'polled, API';
}
