import type { AppContext } from '../app/context.js';
import { OPEN_STATES } from '../domain/incident.js';
import type { Post } from '../domain/post.js';
import { withdrawnItemPosts } from '../correlate/withdrawn.js';
import { officialPostsOfIncidentsIn, storedPostIds } from '../store/posts-repo.js';
import type { SourceState } from '../store/sources-repo.js';

/**
 * After a successful poll of a provider's status page (a parsed 200 whose body changed): the
 * closing updates for the incidents it listed as going on and no longer lists
 * (src/correlate/withdrawn.ts). Only the ingest stage's `ok` path calls this: a failed poll, a
 * 304 or an unchanged body never ends anything.
 */
export async function withdrawnItems(
  ctx: AppContext,
  source: SourceState,
  listedNow: readonly Post[],
  atIso: string,
  /** Whether the document lists everything going on (DocumentPlugin.listsAllGoingOn); asked only when needed. */
  listsAllGoingOn: () => boolean,
): Promise<Post[]> {
  if (source.tier !== 'official' || !source.provider) return [];
  const listedBefore = await officialPostsOfIncidentsIn(ctx.db, source.id, OPEN_STATES);
  if (!listedBefore.length) return [];
  const stored = await storedPostIds(
    ctx.db,
    listedNow.map((p) => p.id),
  );
  const posts = withdrawnItemPosts({
    sourceId: source.id,
    provider: source.provider,
    listedBefore,
    listedNow,
    newItems: listedNow.some((p) => !stored.has(p.id)),
    listsAllGoingOn: listsAllGoingOn(),
    atIso,
  });
  if (posts.length) ctx.log.info({ source: source.id, items: posts.map((p) => p.incident?.id) }, 'status page no longer lists incidents it listed as going on');
  return posts;
}
