import type { Post, SourceKind } from '../domain/post.js';
import { messageLine } from '../domain/text-hygiene.js';

/**
 * The contract every source adapter keeps: given the text of one fetched document, return the
 * posts it holds, in document order, or throw a ParseError saying what is wrong. An adapter
 * never decides incident state; that is the correlator's job.
 */
export interface ParseContext {
  /** Name of the file or URL the document came from, for error messages. */
  origin: string;
  /**
   * Finds the catalog id of a provider from hints found in a document (a status page URL,
   * a page name, an account handle). Returns null when the catalog knows none.
   */
  resolveProvider(hint: ProviderHint): string | null;
  /** The provider the configured source is about, when it is about one. */
  provider?: string | null;
  /**
   * The document is the provider's own status page (the source is trusted `official`): a generic
   * feed's items then speak of the provider's incidents, and their words (resolved, mitigated,
   * monitoring, maintenance) are read as the provider's. Never set for community or news feeds.
   */
  official?: boolean;
  /**
   * When the document was read (ISO), on the caller's clock: the time given to items that
   * carry no date. The pipeline passes its injected clock's time.
   */
  readAt?: string;
  /**
   * Told of an item the adapter left out because it cannot be read (a tweet whose id is not a
   * tweet id), or kept without a part it could not read (a feed item's unreadable date), with one
   * line saying where, why and which; the document's other items still come out.
   * A document that cannot be read at all is still a ParseError. Callers print or log the line
   * (`parse` on stderr, the pollers as a warning); without it the item is left out silently.
   */
  skipped?(problem: string): void;
}

/**
 * When the document was read: `ctx.readAt`, or for a caller with no clock (a one-off parse of a
 * saved file) the wall clock, read here at the adapters' boundary and not in an adapter.
 */
export function readAtOf(ctx: ParseContext): string {
  return ctx.readAt ?? new Date().toISOString();
}

export interface ProviderHint {
  url?: string | null;
  name?: string | null;
  handle?: string | null;
}

export interface SourceAdapter {
  kind: SourceKind;
  /** One line for `--help` and the README. */
  description: string;
  /** Documents this adapter accepts, for `--help`. */
  documents: string[];
  /** Async because rss-parser is; the others may simply return a resolved promise. */
  parse(doc: string, ctx: ParseContext): Promise<Post[]>;
}

/** A document that cannot be parsed. Never retried: the same bytes fail the same way. */
export class ParseError extends Error {
  override name = 'ParseError';
  constructor(message: string) {
    // One line of bounded length: messages quote documents, which may be binary or huge, and
    // they are printed by `parse` and stored as a source's last error.
    super(messageLine(message));
  }
}

/** A context for parsing with no catalog (unit tests, tools). */
export const noCatalog: ParseContext = { origin: 'document', resolveProvider: () => null };
