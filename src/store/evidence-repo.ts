import type { Db } from './db.js';
import type { EvidenceSignal } from '../correlate/index.js';
import type { OfficialIncident, PostKind, PostMeta } from '../domain/post.js';
import { iso, json, strArray } from './rows.js';

/** Joins posts and their signals into what the correlator reasons over. */
function toEvidence(r: Record<string, unknown>): EvidenceSignal {
  const meta = json<PostMeta>(r.meta ?? {});
  return {
    post_id: String(r.id),
    source_id: String(r.source_id),
    tier: String(r.tier),
    trust: Number(r.trust),
    probability: Number(r.probability),
    outage: Boolean(r.outage),
    providers: strArray(r.providers),
    components: strArray(r.components),
    regions: strArray(r.regions),
    score: Number(r.score),
    published_at: iso(r.published_at),
    author: (r.author as string | null) ?? null,
    post_kind: r.kind as PostKind,
    text: String(r.text),
    official: r.incident ? json<OfficialIncident>(r.incident) : null,
    echo_of: meta.repost_of ?? meta.quote_of ?? null,
    title: (r.title as string | null) ?? null,
    weak: Boolean(r.weak),
  };
}

const SELECT = `SELECT p.id, p.source_id, p.tier, p.published_at, p.author, p.kind, p.text, p.title, p.incident, p.meta,
  s.trust, s.probability, s.outage, s.providers, s.components, s.regions, s.score, s.weak FROM posts p JOIN signals s ON s.post_id = p.id`;

export async function evidenceSignal(db: Db, postId: string): Promise<EvidenceSignal | null> {
  const rows = await db.query(`${SELECT} WHERE p.id = $1`, [postId]);
  return rows[0] ? toEvidence(rows[0]) : null;
}

/** The signals attached to an incident, oldest first. */
export async function evidenceSignalsOf(db: Db, incidentId: string): Promise<EvidenceSignal[]> {
  const rows = await db.query(`${SELECT} JOIN incident_evidence e ON e.post_id = p.id WHERE e.incident_id = $1 ORDER BY p.published_at, p.id`, [incidentId]);
  return rows.map(toEvidence);
}

/** Rewrites every attached post's contribution after the incident was recomputed. */
export async function updateContributions(db: Db, incidentId: string, contributions: Map<string, number>): Promise<void> {
  const ids = [...contributions.keys()];
  if (!ids.length) return;
  await db.query(
    `UPDATE incident_evidence e SET contribution = v.c FROM unnest($2::text[], $3::float8[]) AS v(id, c)
     WHERE e.incident_id = $1 AND e.post_id = v.id`,
    [incidentId, ids, ids.map((k) => contributions.get(k) ?? 0)],
  );
}
