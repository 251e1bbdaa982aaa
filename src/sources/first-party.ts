import type { Post } from '../domain/post.js';
import type { ReportBody } from '../api/schemas.js';

/** A report sent to POST /api/v1/reports, as a post of kind `report`. */
export function reportToPost(body: ReportBody, nowIso: string, idSeed: string): Post {
  const extra = [body.component, body.region].filter(Boolean).join(' ');
  return {
    id: `report:${idSeed}`,
    kind: 'report',
    source_kind: 'first-party',
    provider: body.provider,
    author: body.reporter ?? null,
    url: null,
    published_at: body.observed_at ? new Date(body.observed_at).toISOString() : nowIso,
    title: null,
    text: extra ? `${body.text} (${extra})` : body.text,
    incident: null,
  };
}
