import type { Post } from '../../../domain/post.js';

/**
 * What a first-party report says, whoever validated it (POST /api/v1/reports validates it with
 * api/schemas.ts `reportBody`, whose type has this shape): the source does not depend on the API.
 */
export interface FirstPartyReport {
  provider: string;
  text: string;
  component?: string | undefined;
  region?: string | undefined;
  reporter?: string | undefined;
  /** ISO 8601 with an offset; absent: now. */
  observed_at?: string | undefined;
}

/** A report sent to POST /api/v1/reports, as a post of kind `report`. */
export function reportToPost(body: FirstPartyReport, nowIso: string, idSeed: string): Post {
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
