/**
 * Secret rotation without downtime: after `rotate_secret` the previous secret keeps signing
 * (beside the new one, space-separated in webhook-signature, as Standard Webhooks allows) until
 * previous_secret_until, so a receiver can switch to the new secret at its own pace.
 */
export const secretRotationMigration = {
  id: 9,
  name: 'webhook secret rotation overlap',
  sql: `
ALTER TABLE webhook_subscriptions ADD COLUMN previous_secret text;
ALTER TABLE webhook_subscriptions ADD COLUMN previous_secret_until timestamptz;
`,
};
