import type { z } from 'zod';
import type { Post } from '../domain/post.js';
import type { ParseContext } from './adapter.js';

/**
 * One plugin per source kind, exported by the kind's folder (src/sources/adapters/<kind>/) and
 * listed once in src/sources/registry.ts, from which every list of kinds is derived (the config
 * union, the polled kinds, the status-page kinds, `parse --kind`).
 *
 * How a kind is read is declared, not implemented, here: the implementations need the app's
 * context, whose configuration type is built from these plugins, so a plugin holding them
 * would make an import cycle. `fetch` and `connect` name the reader; the ingest stage and
 * src/sources/live/ hold one reader each, in tables typed by the registry, so a kind without
 * its reader does not compile.
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

/** Read on a schedule: one poll per interval, decided by the ingest stage. */
export interface PolledPlugin<K extends string = string, S extends z.ZodObject = z.ZodObject> extends ConfiguredPlugin<K, S> {
  mode: 'polled';
  /** Milliseconds between polls when the source gives no `interval`. */
  defaultInterval: number;
  /**
   * `document`: one conditional GET of the source's url, parsed with `parse` (src/pipeline/ingest.ts).
   * `api`: the platform's API, page by page from a since_id cursor (src/sources/live/, its poller of this kind).
   */
  fetch: 'document' | 'api';
  /**
   * The document to poll for a status page the catalog names by its web address (a page's
   * `https://status.example.com` → its `…/api/v2/summary.json`); a URL that already names a
   * document is returned as it is. Without it, the catalog's URL is the document.
   */
  documentUrl?: (pageUrl: string) => string;
}

/** Read from a long-lived connection that delivers posts as they are made. */
export interface StreamedPlugin<K extends string = string, S extends z.ZodObject = z.ZodObject> extends ConfiguredPlugin<K, S> {
  mode: 'streamed';
  defaultInterval: null;
  /** `websocket`: src/sources/live/ starts its consumer of this kind for each enabled source. */
  connect: 'websocket';
}

/** Sent to our own API; nothing is configured, fetched or parsed from a document. */
export interface PushedPlugin<K extends string = string> extends PluginBase<K> {
  mode: 'pushed';
  configSchema: null;
  defaultInterval: null;
  /** Where the posts arrive, for `--help` and the README. */
  endpoint: string;
}

export type SourcePlugin = PolledPlugin | StreamedPlugin | PushedPlugin;
/** A plugin with a parser and a sources.yaml schema. */
export type ParsingPlugin = PolledPlugin | StreamedPlugin;

export function isParsing<P extends SourcePlugin>(p: P): p is Exclude<P, PushedPlugin> {
  return p.mode !== 'pushed';
}
