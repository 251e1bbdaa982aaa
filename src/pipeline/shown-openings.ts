import type { AppContext } from '../app/context.js';
import type { Post } from '../domain/post.js';
import type { DocumentPlugin } from '../sources/plugin.js';
import { postsOfIncidentsNotStored } from '../store/posts-repo.js';
import type { SourceState } from '../store/sources-repo.js';

/**
 * The opening updates a document shows only inside posts that are already closing ones
 * (DocumentPlugin.openingsShown: a history feed's entry first read already resolved), for
 * incidents this source never gave a post of before: one it showed going on at an earlier poll
 * was seen open then and needs nothing more. Official sources only, as for withdrawn items.
 */
export async function shownOpenings(ctx: AppContext, adapter: DocumentPlugin, source: SourceState, posts: readonly Post[]): Promise<Post[]> {
  if (!adapter.openingsShown || source.tier !== 'official' || !source.provider) return [];
  const openings = adapter.openingsShown(posts);
  if (!openings.length) return [];
  const fresh = await postsOfIncidentsNotStored(ctx.db, source.id, source.provider, openings);
  if (fresh.length)
    ctx.log.info({ source: source.id, items: fresh.map((p) => p.incident?.id) }, 'incidents first read already ended: their opening updates are read too');
  return fresh;
}
