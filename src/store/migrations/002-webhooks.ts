/** Webhook subscriptions and their delivery log. */
export const webhooksMigration = {
  id: 2,
  name: 'webhooks',
  sql: `SELECT 1;`,
};
