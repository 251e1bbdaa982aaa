import type { PushedPlugin } from '../../plugin.js';

/**
 * Reports from support staff or a customer-facing widget, sent to POST /api/v1/reports: the API
 * validates them and makes each one post (report.ts); nothing is configured in sources.yaml
 * and there is no document to parse, so `parse --kind` does not offer this kind.
 */
export const plugin = {
  kind: 'first-party',
  description: 'Reports sent to POST /api/v1/reports by support staff or a customer-facing widget',
  mode: 'pushed',
  configSchema: null,
  defaultInterval: null,
  endpoint: 'POST /api/v1/reports',
} satisfies PushedPlugin<'first-party'>;
