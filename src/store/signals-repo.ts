import { jsonParam, type Db } from './db.js';
import type { FeatureWeight } from '../analyze/classifier/model.js';
import { json, strArray } from './rows.js';

export interface SignalRow {
  post_id: string;
  probability: number;
  outage: boolean;
  providers: string[];
  components: string[];
  regions: string[];
  tier: string;
  trust: number;
  score: number;
  /** In the weak-evidence band: under the threshold but counted, with less weight, toward bursts. */
  weak?: boolean;
  /** The classifier features that weighed most (null for official updates, which need none). */
  features?: FeatureWeight[] | null;
  /** Queued for correlation: stays true until the correlate stage has taken the post (repair.ts). */
  correlate_pending?: boolean;
}

/** Stores a post's analysis once; a second analysis of the same post (a retried job) is ignored. */
export async function insertSignal(db: Db, s: SignalRow, nowIso: string): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO signals (post_id, probability, outage, providers, components, regions, tier, trust, score, analyzed_at, weak, features, correlate_pending)
     VALUES ($1,$2,$3,$4::text[],$5::text[],$6::text[],$7,$8,$9,$10,$11,$12,$13) ON CONFLICT (post_id) DO NOTHING RETURNING post_id`,
    [
      s.post_id,
      s.probability,
      s.outage,
      s.providers,
      s.components,
      s.regions,
      s.tier,
      s.trust,
      s.score,
      nowIso,
      s.weak ?? false,
      s.features ? jsonParam(s.features) : null,
      s.correlate_pending ?? false,
    ],
  );
  return r.length > 0;
}

function toRow(r: Record<string, unknown>): SignalRow {
  return {
    post_id: String(r.post_id),
    probability: Number(r.probability),
    outage: Boolean(r.outage),
    providers: strArray(r.providers),
    components: strArray(r.components),
    regions: strArray(r.regions),
    tier: String(r.tier),
    trust: Number(r.trust),
    score: Number(r.score),
    weak: Boolean(r.weak),
    features: r.features ? json<FeatureWeight[]>(r.features) : null,
  };
}

export async function getSignal(db: Db, postId: string): Promise<SignalRow | null> {
  const rows = await db.query('SELECT * FROM signals WHERE post_id = $1', [postId]);
  return rows[0] ? toRow(rows[0]) : null;
}

export async function getSignals(db: Db, postIds: string[]): Promise<Map<string, SignalRow>> {
  if (!postIds.length) return new Map();
  const rows = await db.query('SELECT * FROM signals WHERE post_id = ANY($1::text[])', [postIds]);
  return new Map(rows.map((r) => [String(r.post_id), toRow(r)]));
}

export async function countOutageSignals(db: Db): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM signals WHERE outage');
  return Number(r[0]?.n ?? 0);
}

/** The correlate stage has taken the post (attached, or found it had nothing to change). */
export async function correlateDone(db: Db, postId: string): Promise<void> {
  await db.query('UPDATE signals SET correlate_pending = false WHERE post_id = $1 AND correlate_pending', [postId]);
}

/**
 * Posts analyzed for correlation that the correlate stage never finished, oldest first: what
 * the repair sweep queues again. `analyzedBefore` leaves out those still on their way.
 */
export async function pendingCorrelation(db: Db, opts: { analyzedBefore?: string; limit: number }): Promise<string[]> {
  const rows = await db.query<{ post_id: string }>(
    `SELECT post_id FROM signals WHERE correlate_pending ${opts.analyzedBefore ? 'AND analyzed_at < $2' : ''} ORDER BY analyzed_at LIMIT $1`,
    opts.analyzedBefore ? [opts.limit, opts.analyzedBefore] : [opts.limit],
  );
  return rows.map((r) => String(r.post_id));
}
