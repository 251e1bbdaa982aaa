/**
 * Sources managed while running (issue #15, item 5):
 * - source_overrides: what an admin changed through the API, kept apart from the sources table
 *   (which the configuration sync rewrites at every start) so it can be applied again after
 *   each sync and dropped by a reset. `added` rows are sources that exist only at runtime and
 *   carry their whole entry; other rows change a configured source, null meaning "as configured".
 * - source_audit: every change, who made it (the API key), when, and the source before and after.
 */
export const sourceOverridesMigration = {
  id: 7,
  name: 'runtime source overrides and their audit list',
  sql: `
CREATE TABLE source_overrides (
  source_id text PRIMARY KEY,
  added boolean NOT NULL,
  kind text,
  provider text,
  url text,
  enabled boolean,
  interval_ms integer,
  tier text,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  CHECK (NOT added OR (kind IS NOT NULL AND enabled IS NOT NULL AND interval_ms IS NOT NULL AND tier IS NOT NULL))
);

CREATE TABLE source_audit (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  source_id text NOT NULL,
  action text NOT NULL,
  key_id text,
  key_name text,
  before jsonb,
  after jsonb
);
CREATE INDEX source_audit_source ON source_audit (source_id, seq DESC);
`,
};
