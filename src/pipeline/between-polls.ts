import type { AppContext } from '../app/context.js';
import type { Post } from '../domain/post.js';
import { fetchDocument, FetchError } from '../fetch/index.js';
import type { ParseContext } from '../sources/adapter.js';
import { decodeDocument } from '../sources/decode.js';
import type { DocumentPlugin } from '../sources/plugin.js';
import { incidentIdsStored } from '../store/posts-repo.js';
import { isPolledUrl, type SourceState } from '../store/sources-repo.js';
import type { PipelineDeps } from './deps.js';

/** How long before the last successful poll a page's change still counts as possibly unseen: the page's clock and ours may disagree. */
export const CLOCK_SLACK_MS = 60_000;

/**
 * Incidents a page listed only between two polls. A document that lists what is going on
 * (Statuspage's summary.json) never shows an incident that opened and ended between two polls (a
 * three-minute blip under a quiet page's five-minute polls, a poll delayed by failures), nor one
 * written up after the fact, created already resolved. When the page says it changed since the
 * last successful poll, its list of recent incidents (DocumentPlugin.recentIncidents) is read
 * once, and the incidents changed since then that this poll does not list and this source never
 * gave a post of come in with all their updates, at their own times (unless a source polls that
 * list itself). A quiet page (a 304, an
 * unchanged document) costs nothing; a changed one, one more request. A failure is logged and
 * the poll goes on as before: the incidents it lists are unaffected.
 */
export async function incidentsBetweenPolls(
  ctx: AppContext,
  deps: Pick<PipelineDeps, 'fetch'>,
  adapter: DocumentPlugin,
  source: SourceState,
  text: string,
  posts: readonly Post[],
  parseContext: ParseContext,
): Promise<Post[]> {
  const list = adapter.recentIncidents;
  // The first poll has no "between": the page's history before it is not news.
  if (!list || !source.url || !source.provider || source.tier !== 'official' || !source.last_success_at) return [];
  const url = list.url(source.url);
  const changedAt = url ? list.changedAt(text) : null;
  const since = new Date(Date.parse(source.last_success_at) - CLOCK_SLACK_MS).toISOString();
  if (!url || !changedAt || changedAt < since) return [];
  // A page whose list is a source of its own already gives those incidents, under that source.
  if (await isPolledUrl(ctx.db, url)) return [];

  let found: Post[];
  try {
    const res = await fetchDocument({ url, sourceId: source.id, accept: 'application/json' }, deps.fetch);
    if (res.notModified) return [];
    found = await list.changedSince(decodeDocument(res.body, res.contentType), since, { ...parseContext, origin: url });
  } catch (err) {
    const missing = err instanceof FetchError && err.status === 404;
    ctx.log[missing ? 'info' : 'warn'](
      { source: source.id, url, err: (err as Error).message },
      "could not read the page's recent incidents; an incident that opened and ended between two polls is not seen",
    );
    return [];
  }
  const listed = new Set(posts.map((p) => p.incident?.id));
  const unlisted = found.filter((p) => p.incident && !listed.has(p.incident.id));
  if (!unlisted.length) return [];
  const ids = [...new Set(unlisted.map((p) => p.incident!.id))];
  // Every post of an incident is published at or after its earliest update.
  const earliest = unlisted.map((p) => p.published_at).sort()[0]!;
  const known = await incidentIdsStored(ctx.db, source.id, source.provider, ids, earliest);
  const fresh = unlisted.filter((p) => !known.has(p.incident!.id));
  if (fresh.length) {
    ctx.log.info(
      { source: source.id, incidents: ids.filter((id) => !known.has(id)) },
      'incidents the page listed only between two polls: read from its recent incidents',
    );
  }
  return fresh;
}
