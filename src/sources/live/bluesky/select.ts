/**
 * What a Jetstream consumer keeps of one event: a post by one of the watched accounts, or a post
 * whose text passes the source's filter. Most events are dropped after one JSON.parse and one
 * pass over the post's words; only the kept ones are read by the adapter.
 */
import type { Post } from '../../../domain/post.js';
import { ParseError, type ParseContext } from '../../adapter.js';
import { parseJetstream } from '../../adapters/bluesky/parse.js';

export const POST_COLLECTION = 'app.bsky.feed.post';

export interface Selector {
  /** The source's compiled keyword filter (./filter.ts). */
  matches(text: string): boolean;
  /** Watched accounts by DID, with the catalog provider each speaks for. */
  accounts: ReadonlyMap<string, string | null>;
}

export interface Selected {
  /** The event's time_us, when it has one: the consumer's cursor. */
  timeUs?: number;
  /** Posts to store, with the account's provider when a watched account made it. */
  posts: Array<{ post: Post; account: boolean; provider: string | null }>;
  /** Why a post event was dropped unread (not JSON, not a valid event). */
  skipped?: string;
}

interface RawEvent {
  did?: unknown;
  time_us?: unknown;
  kind?: unknown;
  commit?: { collection?: unknown; operation?: unknown; record?: { text?: unknown } };
}

/** The posts to keep of one Jetstream message, and its time. */
export function selectEvent(message: string, sel: Selector, ctx: ParseContext): Selected {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return { posts: [], skipped: 'a message that is not JSON' };
  }
  // `null`, a number, an array: JSON, but no event. Reading fields off null would throw, and a
  // throw here drops the connection as if the store had failed.
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { posts: [], skipped: 'a message that is not a JSON object' };
  const ev = parsed as RawEvent;
  const timeUs = typeof ev.time_us === 'number' && Number.isFinite(ev.time_us) ? ev.time_us : undefined;
  const isPost = ev.kind === 'commit' && ev.commit?.collection === POST_COLLECTION && ev.commit?.operation === 'create';
  if (!isPost) return { timeUs, posts: [] };
  const did = typeof ev.did === 'string' ? ev.did : '';
  const account = sel.accounts.has(did);
  const raw = ev.commit?.record?.text;
  // The filter runs on the record's text before the adapter reads anything.
  if (!account && !(typeof raw === 'string' && sel.matches(raw))) return { timeUs, posts: [] };
  let posts: Post[];
  try {
    posts = parseJetstream(message, ctx);
  } catch (err) {
    if (err instanceof ParseError) return { timeUs, posts: [], skipped: err.message };
    throw err;
  }
  const provider = account ? (sel.accounts.get(did) ?? null) : null;
  return { timeUs, posts: posts.filter((p) => account || sel.matches(p.text)).map((post) => ({ post, account, provider })) };
}
