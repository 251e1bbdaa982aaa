/**
 * Reliability (issue "five ways to lose data"):
 * - sources remember when a poll was cut to the per-poll item cap, and how many items it dropped;
 * - first-party reports remember each client's Idempotency-Key for 24 h, so a retried request
 *   stores its report once while a second report with the same text is a new report.
 */
export const reliabilityMigration = {
  id: 4,
  name: 'poll caps and report idempotency keys',
  sql: `
ALTER TABLE sources ADD COLUMN items_dropped bigint NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN last_truncated_at timestamptz;

CREATE TABLE report_keys (
  scope text NOT NULL,
  key text NOT NULL,
  post_id text NOT NULL,
  body_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX report_keys_created ON report_keys (created_at);
`,
};
