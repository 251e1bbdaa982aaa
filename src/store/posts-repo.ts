import { jsonParam, type Db } from './db.js';
import { cleanPost } from '../domain/post-hygiene.js';
import type { Post, OfficialIncident, PostMeta } from '../domain/post.js';
import { iso, json } from './rows.js';

export interface StoredPost extends Post {
  source_id: string;
  tier: string;
  ingested_at: string;
  seq: number;
}

const BATCH = 500; // batched inserts ran ~10× faster than one row per statement (docs/decisions.md)

/**
 * Inserts posts once: the id is the unique key, so a post that arrives again (a retry, a second
 * source, a restart) is ignored. Returns the ids that were new.
 */
export async function insertPosts(db: Db, sourceId: string, tier: string, posts: Post[], nowIso: string): Promise<string[]> {
  const fresh: string[] = [];
  const unique = [...new Map(posts.map((p) => cleanPost(p)).map((p) => [p.id, p])).values()];
  for (let i = 0; i < unique.length; i += BATCH) {
    const chunk = unique.slice(i, i + BATCH);
    const params: unknown[] = [];
    const values = chunk.map((p) => {
      const base = params.length;
      params.push(
        p.id,
        sourceId,
        p.kind,
        p.source_kind,
        p.provider,
        p.author,
        p.url,
        p.published_at,
        p.title,
        p.text,
        p.incident ? jsonParam(p.incident) : null,
        jsonParam(p.meta ?? {}),
        tier,
        nowIso,
      );
      return `(${Array.from({ length: 14 }, (_, k) => `$${base + k + 1}`).join(',')})`;
    });
    const rows = await db.query<{ id: string }>(
      `INSERT INTO posts (id, source_id, kind, source_kind, provider, author, url, published_at, title, text, incident, meta, tier, ingested_at)
       VALUES ${values.join(',')} ON CONFLICT (id) DO NOTHING RETURNING id`,
      params,
    );
    fresh.push(...rows.map((r) => r.id));
  }
  return fresh;
}

function toPost(r: Record<string, unknown>): StoredPost {
  return {
    id: String(r.id),
    kind: r.kind as Post['kind'],
    source_kind: r.source_kind as Post['source_kind'],
    provider: (r.provider as string | null) ?? null,
    author: (r.author as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    published_at: iso(r.published_at),
    title: (r.title as string | null) ?? null,
    text: String(r.text),
    incident: r.incident ? json<OfficialIncident>(r.incident) : null,
    meta: json<PostMeta>(r.meta ?? {}),
    source_id: String(r.source_id),
    tier: String(r.tier),
    ingested_at: iso(r.ingested_at),
    seq: Number(r.seq),
  };
}

export async function getPost(db: Db, id: string): Promise<StoredPost | null> {
  const rows = await db.query('SELECT * FROM posts WHERE id = $1', [id]);
  return rows[0] ? toPost(rows[0]) : null;
}

export async function getPosts(db: Db, ids: string[]): Promise<StoredPost[]> {
  if (!ids.length) return [];
  return (await db.query('SELECT * FROM posts WHERE id = ANY($1::text[])', [ids])).map(toPost);
}

/**
 * Of these posts (each of a provider incident), those of incidents one source has never given a
 * post of, among its posts about `provider`. Every post of an incident is published at or after
 * its earliest update, so only stored posts since the earliest here are looked at (the (provider,
 * published_at) index keeps it a range read, not a scan of every post).
 */
export async function postsOfIncidentsNotStored(db: Db, sourceId: string, provider: string, posts: readonly Post[]): Promise<Post[]> {
  const ids = [...new Set(posts.flatMap((p) => (p.incident ? [p.incident.id] : [])))];
  if (!ids.length) return [];
  const since = posts.map((p) => p.published_at).sort()[0]!;
  const rows = await db.query<{ oid: string }>(
    `SELECT DISTINCT incident->>'id' AS oid FROM posts
     WHERE provider = $1 AND published_at >= $2 AND source_id = $3 AND incident IS NOT NULL AND incident->>'id' = ANY($4::text[])`,
    [provider, since, sourceId, ids],
  );
  const known = new Set(rows.map((r) => r.oid));
  return posts.filter((p) => p.incident && !known.has(p.incident.id));
}

/** Of `ids`, those already stored. */
export async function storedPostIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.query<{ id: string }>('SELECT id FROM posts WHERE id = ANY($1::text[])', [ids]);
  return new Set(rows.map((r) => r.id));
}

/**
 * The official updates one source gave that are evidence of an incident still in one of
 * `states` (the open ones): what the source has listed as going on, for noticing when its
 * document stops listing it (src/pipeline/withdrawn-items.ts).
 */
export async function officialPostsOfIncidentsIn(db: Db, sourceId: string, states: readonly string[]): Promise<StoredPost[]> {
  const rows = await db.query(
    `SELECT p.* FROM posts p JOIN incident_evidence e ON e.post_id = p.id JOIN incidents i ON i.id = e.incident_id
     WHERE p.source_id = $1 AND p.incident IS NOT NULL AND i.status = ANY($2::text[])
     ORDER BY p.published_at, p.id`,
    [sourceId, states],
  );
  return rows.map(toPost);
}

/** Ids among `ids` that have no signal yet: what still needs analysis after a crash. */
export async function unanalyzed(db: Db, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db.query<{ id: string }>(
    'SELECT p.id FROM posts p LEFT JOIN signals s ON s.post_id = p.id WHERE p.id = ANY($1::text[]) AND s.post_id IS NULL',
    [ids],
  );
  return rows.map((r) => r.id);
}

/**
 * Posts that have no signal yet, oldest first: what the repair sweep queues again (stored while
 * Redis was down, or whose analyze job failed every attempt). `ingestedBefore` leaves out posts
 * that are simply still on their way through the queue.
 */
export async function unanalyzedPostIds(db: Db, opts: { ingestedBefore?: string; limit: number }): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT p.id FROM posts p LEFT JOIN signals s ON s.post_id = p.id
      WHERE s.post_id IS NULL ${opts.ingestedBefore ? 'AND p.ingested_at < $2' : ''} ORDER BY p.seq LIMIT $1`,
    opts.ingestedBefore ? [opts.limit, opts.ingestedBefore] : [opts.limit],
  );
  return rows.map((r) => r.id);
}

export interface PostSearch {
  q?: string;
  provider?: string;
  source_id?: string;
  limit: number;
  before_seq?: number;
}

export async function searchPosts(db: Db, s: PostSearch): Promise<StoredPost[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (s.q) {
    params.push(`%${s.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    where.push(`text ILIKE $${params.length}`);
  }
  if (s.provider) {
    params.push(s.provider);
    where.push(`provider = $${params.length}`);
  }
  if (s.source_id) {
    params.push(s.source_id);
    where.push(`source_id = $${params.length}`);
  }
  if (s.before_seq) {
    params.push(s.before_seq);
    where.push(`seq < $${params.length}`);
  }
  params.push(s.limit);
  const rows = await db.query(`SELECT * FROM posts ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq DESC LIMIT $${params.length}`, params);
  return rows.map(toPost);
}

export async function countPosts(db: Db): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM posts');
  return Number(r[0]?.n ?? 0);
}
