import type { Db } from './db.js';
import { webhooksMigration } from './migrations/002-webhooks.js';
import { apiKeysMigration } from './migrations/003-api-keys.js';
import { reliabilityMigration } from './migrations/004-reliability.js';
import { watchItemsMigration } from './migrations/005-watch-items.js';
import { reporterRoleMigration } from './migrations/006-reporter-role.js';
import { sourceOverridesMigration } from './migrations/007-source-overrides.js';
import { publishedEventsMigration } from './migrations/008-published-events.js';
import { secretRotationMigration } from './migrations/009-secret-rotation.js';
import { webhookFanOutMigration } from './migrations/010-webhook-fan-out.js';
import { pendingWorkMigration } from './migrations/011-pending-work.js';

/**
 * Schema migrations, applied in order, each once, recorded in schema_migrations. Append only:
 * a released migration is never edited.
 */
export const MIGRATIONS: Array<{ id: number; name: string; sql: string }> = [
  {
    id: 1,
    name: 'core tables',
    sql: `
CREATE TABLE sources (
  id text PRIMARY KEY,
  kind text NOT NULL,
  provider text,
  tier text NOT NULL,
  url text,
  enabled boolean NOT NULL DEFAULT true,
  interval_ms integer NOT NULL DEFAULT 60000,
  etag text,
  last_modified text,
  cursor text,
  content_hash text,
  last_attempt_at timestamptz,
  last_success_at timestamptz,
  last_change_at timestamptz,
  consecutive_failures integer NOT NULL DEFAULT 0,
  parse_failures integer NOT NULL DEFAULT 0,
  last_error text,
  paused boolean NOT NULL DEFAULT false,
  next_poll_at timestamptz,
  posts_ingested bigint NOT NULL DEFAULT 0
);

CREATE TABLE posts (
  id text PRIMARY KEY,
  seq bigserial UNIQUE,
  source_id text NOT NULL,
  kind text NOT NULL,
  source_kind text NOT NULL,
  provider text,
  author text,
  url text,
  published_at timestamptz NOT NULL,
  title text,
  text text NOT NULL,
  incident jsonb,
  meta jsonb NOT NULL DEFAULT '{}',
  tier text NOT NULL,
  ingested_at timestamptz NOT NULL
);
CREATE INDEX posts_published ON posts (published_at DESC);
CREATE INDEX posts_provider ON posts (provider, published_at DESC);

CREATE TABLE signals (
  post_id text PRIMARY KEY REFERENCES posts(id),
  probability double precision NOT NULL,
  outage boolean NOT NULL,
  providers text[] NOT NULL,
  components text[] NOT NULL,
  regions text[] NOT NULL,
  tier text NOT NULL,
  trust double precision NOT NULL,
  score double precision NOT NULL,
  analyzed_at timestamptz NOT NULL
);

CREATE TABLE incidents (
  id text PRIMARY KEY,
  provider text NOT NULL,
  status text NOT NULL,
  rank double precision NOT NULL,
  confidence double precision NOT NULL,
  first_seen_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  data jsonb NOT NULL
);
CREATE INDEX incidents_open ON incidents (status, rank DESC);
CREATE INDEX incidents_provider ON incidents (provider, updated_at DESC);

CREATE TABLE incident_evidence (
  incident_id text NOT NULL REFERENCES incidents(id),
  post_id text NOT NULL REFERENCES posts(id),
  contribution double precision NOT NULL,
  attached_at timestamptz NOT NULL,
  PRIMARY KEY (incident_id, post_id)
);
CREATE UNIQUE INDEX evidence_post_once ON incident_evidence (post_id);

CREATE TABLE incident_events (
  seq bigserial PRIMARY KEY,
  incident_id text NOT NULL REFERENCES incidents(id),
  at timestamptz NOT NULL,
  type text NOT NULL,
  status text NOT NULL,
  summary text NOT NULL,
  post_id text
);
CREATE INDEX incident_events_incident ON incident_events (incident_id, seq);

CREATE TABLE kv_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);
`,
  },
  webhooksMigration,
  apiKeysMigration,
  reliabilityMigration,
  watchItemsMigration,
  reporterRoleMigration,
  sourceOverridesMigration,
  publishedEventsMigration,
  secretRotationMigration,
  webhookFanOutMigration,
  pendingWorkMigration,
];

/** Held (per database) while one process migrates: the others wait, then find the work done. */
const MIGRATION_LOCK = 'SELECT pg_advisory_xact_lock(727001)';

export async function migrate(db: Db): Promise<number> {
  // Under the lock too: CREATE TABLE IF NOT EXISTS is not safe against itself, and processes
  // starting together on a new database failed here ("pg_type_typname_nsp_index").
  await db.transaction(async (tx) => {
    if (tx.kind === 'postgres') await tx.query(MIGRATION_LOCK);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  const done = new Set((await db.query<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => Number(r.id)));
  let applied = 0;
  for (const m of MIGRATIONS) {
    if (done.has(m.id)) continue;
    await db.transaction(async (tx) => {
      // Two processes starting at once on PostgreSQL: the advisory lock makes the second wait.
      if (tx.kind === 'postgres') await tx.query(MIGRATION_LOCK);
      const again = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [m.id]);
      if (again.length) return;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      applied++;
    });
  }
  return applied;
}
