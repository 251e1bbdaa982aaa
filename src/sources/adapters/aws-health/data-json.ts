/**
 * The legacy AWS Health Dashboard `data.json`: {archive: [...], current: [...]}, events without
 * ids whose description holds the updates. Incident id = `${service}@${date}`; one post per
 * update block; the last block of an event marked [RESOLVED] is `resolved`, earlier ones
 * `investigating`.
 */
import type { Post } from '../../../domain/post.js';
import type { ParseContext } from '../../adapter.js';
import { toIso } from '../../text.js';
import { ensureUniqueIds, uniqueNames, validate } from '../../kit/official.js';
import { readBlocks } from './blocks.js';
import { awsImpact, isResolvedSummary, regionFromServiceKey, splitServiceName } from './names.js';
import { awsProvider } from './page.js';
import { legacyDocumentSchema, type LegacyEvent } from './schema.js';

const KIND = 'AWS Health data.json';

function eventPosts(e: LegacyEvent, provider: string | null): Post[] {
  const eventDate = e.date * 1000;
  const incidentId = `${e.service}@${String(e.date)}`;
  const { name, place } = splitServiceName(e.service_name);
  const components = uniqueNames([name]);
  const regions = uniqueNames([regionFromServiceKey(e.service) ?? place]);
  const resolved = isResolvedSummary(e.summary);
  const blocks = readBlocks(e.description ?? '', eventDate);
  return blocks.map((b, i): Post => {
    const closing = resolved && i === blocks.length - 1;
    const at = new Date(b.at).toISOString();
    return {
      id: `aws-health:${incidentId}:${i}`,
      kind: 'official',
      source_kind: 'aws-health',
      provider,
      author: null,
      url: null,
      published_at: at,
      title: e.summary ?? null,
      text: b.text,
      incident: {
        id: incidentId,
        status: closing ? 'resolved' : 'investigating',
        impact: awsImpact(e.status),
        components,
        regions,
        started_at: toIso(eventDate),
        resolved_at: closing ? at : null,
      },
    };
  });
}

/** Posts of a parsed data.json value, events in document order (archive/current as written). */
export function parseDataJson(value: Record<string, unknown>, ctx: ParseContext): Post[] {
  const doc = validate(legacyDocumentSchema, value, ctx, KIND);
  const provider = awsProvider(ctx);
  const posts: Post[] = [];
  for (const key of Object.keys(value)) {
    if (key === 'archive' || key === 'current') for (const e of doc[key]) posts.push(...eventPosts(e, provider));
  }
  return ensureUniqueIds(posts);
}
