/**
 * A history feed gives one post per incident, dated by its latest update (cli.md). An incident
 * that opened and ended between two polls is first read as an entry already "Resolved", and a
 * closing update with nothing open opens nothing, although the entry lists the update that had
 * it going on (GitHub, 21 Jan 2016: Investigating 20:25, Resolved 20:28, between 5-minute
 * polls). The opening update is that entry as it read at its first update: the post the feed
 * would have given then, with that post's id, so a poll that did see it stores it once.
 *
 * Only an entry whose first update came before its resolving one: an incident written up after
 * the fact (one "Resolved" update) has nothing that went on, and stays as it is.
 */
import type { Post } from '../../../domain/post.js';
import { ENDED } from '../../kit/official.js';

export function feedOpenings(posts: readonly Post[]): Post[] {
  const out: Post[] = [];
  for (const post of posts) {
    const inc = post.incident;
    if (!inc || inc.impact === 'maintenance' || !ENDED.has(inc.status) || !inc.started_at || !inc.resolved_at) continue;
    // A feed entry's post (statuspage:{code}@{latest update}); the JSON documents give one post per update already.
    if (post.id !== `statuspage:${inc.id}@${post.published_at}`) continue;
    if (Date.parse(inc.started_at) >= Date.parse(inc.resolved_at)) continue;
    const { status_raw: _raw, ...rest } = inc;
    out.push({
      ...post,
      id: `statuspage:${inc.id}@${inc.started_at}`,
      published_at: inc.started_at,
      incident: { ...rest, status: 'investigating', resolved_at: null },
    });
  }
  return out;
}
