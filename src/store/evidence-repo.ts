import type { Db } from './db.js';
import type { OfficialIncident, PostKind, PostMeta } from '../domain/post.js';
import { CONFIRMING_TIER_LIST, type EvidenceSignal } from '../domain/incident.js';
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

/**
 * The authors whose posts back an incident, with their tier, leaving out the tiers that
 * confirm (the provider's own page and accounts): the claimants whose reputation its outcome
 * teaches.
 */
export async function claimantsOf(db: Db, incidentId: string): Promise<Array<{ author: string; tier: string }>> {
  return db.query<{ author: string; tier: string }>(
    `SELECT DISTINCT p.author, p.tier FROM incident_evidence e JOIN posts p ON p.id = e.post_id
     WHERE e.incident_id = $1 AND p.author IS NOT NULL AND NOT (p.tier = ANY($2::text[]))`,
    [incidentId, CONFIRMING_TIER_LIST],
  );
}

/**
 * Official posts of a provider published since `sinceIso` that have a signal but are attached
 * to no incident yet (other than `exceptPostId`), oldest first, each with its provider incident id.
 */
export async function unattachedOfficialPosts(
  db: Db,
  provider: string,
  exceptPostId: string,
  sinceIso: string,
  /** Posts of this very provider incident are returned from `incidentSinceIso` on (at or before sinceIso; the outer bound keeps the (provider, published_at) index usable). */
  incidentId: string,
  incidentSinceIso: string,
): Promise<Array<{ id: string; oid: string }>> {
  return db.query<{ id: string; oid: string }>(
    `SELECT p.id, p.incident->>'id' AS oid FROM posts p JOIN signals g ON g.post_id = p.id
     LEFT JOIN incident_evidence e ON e.post_id = p.id
     WHERE p.provider = $1 AND p.incident IS NOT NULL AND e.post_id IS NULL AND p.id <> $2
       AND p.published_at >= $5 AND (p.published_at >= $3 OR p.incident->>'id' = $4)
     ORDER BY p.published_at, p.id`,
    [provider, exceptPostId, sinceIso, incidentId, incidentSinceIso],
  );
}

/** Moves evidence from one incident to another: all of it (a merge), or the posts named (a split). */
export async function moveEvidence(db: Db, fromIncidentId: string, toIncidentId: string, postIds?: readonly string[]): Promise<void> {
  if (postIds)
    await db.query('UPDATE incident_evidence SET incident_id = $1 WHERE incident_id = $2 AND post_id = ANY($3::text[])', [
      toIncidentId,
      fromIncidentId,
      postIds,
    ]);
  else await db.query('UPDATE incident_evidence SET incident_id = $1 WHERE incident_id = $2', [toIncidentId, fromIncidentId]);
}

/**
 * Holds, until the transaction ends, the lock that serialises correlation of one provider
 * across processes. PostgreSQL: an advisory transaction lock. PGlite has one owning process,
 * whose transactions already run one at a time.
 */
export async function lockProviderForCorrelation(tx: Db, provider: string): Promise<void> {
  if (tx.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`correlate:${provider}`]);
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
