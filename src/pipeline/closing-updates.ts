import type { AppContext } from '../app/context.js';
import type { Post } from '../domain/post.js';
import { RESOLVING_STATUSES } from '../correlate/signal-role.js';
import { fetchDocument } from '../fetch/index.js';
import type { ParseContext } from '../sources/adapter.js';
import { decodeDocument } from '../sources/decode.js';
import type { DocumentPlugin } from '../sources/plugin.js';
import type { SourceState } from '../store/sources-repo.js';
import type { PipelineDeps } from './deps.js';

/** Incident documents read in one poll at the most: a page clearing many incidents at once costs a few requests, not one each. */
export const MAX_INCIDENT_DOCUMENTS_PER_POLL = 3;

/** Whether an incident's posts hold a resolving update. */
const isClosed = (posts: readonly Post[]): boolean => posts.some((p) => p.incident && RESOLVING_STATUSES.has(p.incident.status));

/**
 * For incidents a list document stopped listing (their `withdrawn` posts, ./withdrawn-items.ts),
 * the provider's own closing update: from the page's recent incidents when this poll read them
 * (`recent`, ./between-polls.ts: no request more, no cap), else from the incident's own document
 * when the page keeps one (`incidentDocumentUrl`: Statuspage's `/api/v2/incidents/{id}.json`
 * beside summary.json). summary.json drops an incident without its last update, so the removal
 * alone would end it at the poll's time and in our words ("no longer listed"); the page's own
 * documents say when and how the provider closed it. Each withdrawn post whose incident shows a
 * resolving update there is replaced by that incident's posts (the updates already stored are
 * stored once); any failure (an error, a 404, a document still showing it open, past the per-poll
 * cap) keeps the withdrawn post, so the incident still ends.
 */
export async function closingUpdates(
  ctx: AppContext,
  deps: Pick<PipelineDeps, 'fetch'>,
  adapter: DocumentPlugin,
  source: SourceState,
  withdrawn: readonly Post[],
  parseContext: ParseContext,
  recent: readonly Post[] = [],
): Promise<Post[]> {
  if (!withdrawn.length) return [];
  const out: Post[] = [];
  let read = 0;
  for (const post of withdrawn) {
    const id = post.incident?.id;
    const listed = id ? recent.filter((p) => p.incident?.id === id) : [];
    if (isClosed(listed)) {
      out.push(...listed);
      continue;
    }
    const url = id && source.url && adapter.incidentDocumentUrl ? adapter.incidentDocumentUrl(source.url, id) : null;
    if (!id || !url || read >= MAX_INCIDENT_DOCUMENTS_PER_POLL) {
      out.push(post);
      continue;
    }
    read++;
    const closing = await closingPosts(ctx, deps, adapter, source, url, id, parseContext);
    out.push(...(closing ?? [post]));
  }
  return out;
}

async function closingPosts(
  ctx: AppContext,
  deps: Pick<PipelineDeps, 'fetch'>,
  adapter: DocumentPlugin,
  source: SourceState,
  url: string,
  incidentId: string,
  parseContext: ParseContext,
): Promise<Post[] | null> {
  try {
    const res = await fetchDocument({ url, sourceId: source.id, accept: 'application/json' }, deps.fetch);
    if (res.notModified) return null;
    const posts = (await adapter.parse(decodeDocument(res.body, res.contentType), { ...parseContext, origin: url })).filter(
      (p) => p.incident?.id === incidentId,
    );
    if (!isClosed(posts)) {
      ctx.log.info({ source: source.id, incident: incidentId }, 'an incident the page stopped listing is not closed in its own document; ended by its removal');
      return null;
    }
    return posts;
  } catch (err) {
    ctx.log.warn(
      { source: source.id, incident: incidentId, url, err: (err as Error).message },
      "could not read the incident's own document; ended by its removal",
    );
    return null;
  }
}
