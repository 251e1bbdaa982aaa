/** API keys (stored hashed). */
export const apiKeysMigration = {
  id: 3,
  name: 'api keys',
  sql: `SELECT 1;`,
};
