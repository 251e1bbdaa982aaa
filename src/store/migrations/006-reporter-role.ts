/**
 * The `reporter` role: keys for customer-facing report widgets, which may only POST reports, and
 * whose reports go through the classifier like any public post (staff keys report as
 * first-party). The role check is widened to allow it.
 */
export const reporterRoleMigration = {
  id: 6,
  name: 'reporter role for API keys',
  sql: `
ALTER TABLE api_keys DROP CONSTRAINT IF EXISTS api_keys_role_check;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('reporter', 'reader', 'admin'));
`,
};
