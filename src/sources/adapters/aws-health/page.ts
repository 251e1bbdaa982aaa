/**
 * The AWS Health Dashboard as a provider hint. AWS documents name no page of their own, and
 * the legacy RSS links to the retired status.aws.amazon.com, so the dashboard's address and
 * name stand in as what the documents are about.
 */
import type { ParseContext } from '../../adapter.js';
import { resolveProvider } from '../../kit/official.js';

const DASHBOARD = { url: 'https://health.aws.amazon.com/health/status', name: 'AWS' };

export function awsProvider(ctx: ParseContext, docUrl?: string | null): string | null {
  if (docUrl) {
    const found = ctx.resolveProvider({ url: docUrl });
    if (found) return found;
  }
  return resolveProvider(ctx, DASHBOARD);
}
