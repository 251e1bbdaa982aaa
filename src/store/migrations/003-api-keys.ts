/**
 * API keys. Only the SHA-256 of a key is stored (see src/api/auth/keys.ts); the id is the key's
 * public prefix. Revoked keys stay, so lists and logs can still name them.
 */
export const apiKeysMigration = {
  id: 3,
  name: 'api keys',
  sql: `
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('reader', 'admin')),
  key_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
`,
};
