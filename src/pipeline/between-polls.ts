/**
 * Incidents a page listed only between two polls. A document that lists what is going on
 * (Statuspage's summary.json) never shows an incident that opened and ended between two polls (a
 * three-minute blip under a quiet page's five-minute polls, a poll delayed by failures), nor one
 * written up after the fact, created already resolved. The page says when it last changed
 * (DocumentPlugin.recentIncidents.changedAt); each source keeps the page's time up to which it has
 * read (its mark, in the page's own clock, so neither clock skew nor a cache serving an old copy
 * can hide a change). When a changed document says the page changed after the mark, the page's
 * list of recent incidents is read once, and the incidents changed since the mark that this poll
 * does not list and this source never gave a post of come in with all their updates, at their
 * own times; then the mark moves to the page's time. A failed read keeps the mark, so the next
 * changed poll asks for the same window again. The first poll only sets the mark: the page's
 * history before it is not news. A quiet page (a 304, an unchanged document) costs nothing; a
 * changed one, one request more. A page whose list is a source of its own is left to that source.
 */

import type { AppContext } from '../app/context.js';
import type { Post } from '../domain/post.js';
import { fetchDocument, FetchError } from '../fetch/index.js';
import type { ParseContext } from '../sources/adapter.js';
import { decodeDocument } from '../sources/decode.js';
import type { DocumentPlugin } from '../sources/plugin.js';
import { getState, putState } from '../store/kv-repo.js';
import { postsOfIncidentsNotStored } from '../store/posts-repo.js';
import { isPolledUrl, type SourceState } from '../store/sources-repo.js';
import type { PipelineDeps } from './deps.js';

/**
 * For a source polled before this reading existed (no mark yet): how long before its last
 * successful poll a page's change still counts as possibly unseen, the page's clock and ours
 * being two clocks.
 */
export const CLOCK_SLACK_MS = 60_000;

/**
 * An incident whose newest update is older than this when the page changed is an old one edited
 * (a postmortem added days later), not one the page listed between two polls: left out. A write-up
 * posted hours after the fact is well inside it.
 */
export const OLD_INCIDENT_MS = 48 * 3600_000;

/** Where the page's own time up to which its recent incidents have been read is kept, per source. */
const markKey = (sourceId: string) => `recent-incidents:${sourceId}`;

/** What the page's list of recent incidents said at this poll: the posts of the incidents changed since the mark, and when the page changed. */
export interface RecentRead {
  posts: Post[];
  changedAt: string;
}

/**
 * Reads the page's recent incidents when the polled document says the page changed after the
 * source's mark, and moves the mark; null when nothing was read (no such list, the first poll, no
 * change, the list is a source of its own, or the read failed: the mark then stays).
 */
export async function readRecentIncidents(
  ctx: AppContext,
  deps: Pick<PipelineDeps, 'fetch'>,
  adapter: DocumentPlugin,
  source: SourceState,
  text: string,
  parseContext: ParseContext,
  at: string,
): Promise<RecentRead | null> {
  const list = adapter.recentIncidents;
  if (!list || !source.url || !source.provider || source.tier !== 'official') return null;
  const url = list.url(source.url);
  const changedAt = url ? list.changedAt(text) : null;
  if (!url || !changedAt) return null;
  const stored = await getState<{ at: string }>(ctx.db, markKey(source.id));
  const mark = stored?.at ?? (source.last_success_at ? new Date(Date.parse(source.last_success_at) - CLOCK_SLACK_MS).toISOString() : null);
  if (mark === null || changedAt <= mark || (await isPolledUrl(ctx.db, url))) {
    if (mark === null || changedAt > mark) await putState(ctx.db, markKey(source.id), { at: changedAt }, at);
    return null;
  }
  try {
    const res = await fetchDocument({ url, sourceId: source.id, accept: 'application/json' }, deps.fetch);
    if (res.notModified) return null; // never: the request carries no validators
    const posts = await list.changedAfter(decodeDocument(res.body, res.contentType), mark, { ...parseContext, origin: url });
    await putState(ctx.db, markKey(source.id), { at: changedAt }, at);
    return { posts, changedAt };
  } catch (err) {
    const missing = err instanceof FetchError && err.status === 404;
    ctx.log[missing ? 'info' : 'warn'](
      { source: source.id, url, since: mark, err: (err as Error).message },
      "could not read the page's recent incidents; asked again at its next change",
    );
    return null;
  }
}

/** Of what the recent incidents said, the incidents this poll does not list and this source never gave a post of, with all their updates. */
export async function incidentsBetweenPolls(ctx: AppContext, source: SourceState, posts: readonly Post[], recent: RecentRead | null): Promise<Post[]> {
  if (!recent || !source.provider) return [];
  const listed = new Set(posts.map((p) => p.incident?.id));
  const oldBefore = new Date(Date.parse(recent.changedAt) - OLD_INCIDENT_MS).toISOString();
  const newest = new Map<string, string>();
  for (const p of recent.posts) if (p.incident && p.published_at > (newest.get(p.incident.id) ?? '')) newest.set(p.incident.id, p.published_at);
  const unlisted = recent.posts.filter((p) => p.incident && !listed.has(p.incident.id) && newest.get(p.incident.id)! >= oldBefore);
  const fresh = await postsOfIncidentsNotStored(ctx.db, source.id, source.provider, unlisted);
  if (fresh.length) {
    ctx.log.info(
      { source: source.id, incidents: [...new Set(fresh.map((p) => p.incident!.id))] },
      'incidents the page listed only between two polls: read from its recent incidents',
    );
  }
  return fresh;
}
