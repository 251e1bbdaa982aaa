import type { SourceKind } from '../domain/post.js';
import type { SourceAdapter } from './adapter.js';
import { adapter as statuspage } from './adapters/statuspage/index.js';
import { adapter as awsHealth } from './adapters/aws-health/index.js';
import { adapter as gcpStatus } from './adapters/gcp-status/index.js';
import { adapter as slackStatus } from './adapters/slack-status/index.js';
import { adapter as rss } from './adapters/rss/index.js';
import { adapter as twitter } from './adapters/twitter/index.js';
import { adapter as mastodon } from './adapters/mastodon/index.js';
import { adapter as bluesky } from './adapters/bluesky/index.js';

/** Every document adapter, by kind. Fails at module load on a duplicate kind. */
const all: SourceAdapter[] = [statuspage, awsHealth, gcpStatus, slackStatus, rss, twitter, mastodon, bluesky];

export const adapters = new Map<SourceKind, SourceAdapter>();
for (const a of all) {
  if (adapters.has(a.kind)) throw new Error(`two adapters claim kind ${a.kind}`);
  adapters.set(a.kind, a);
}

export function adapterFor(kind: string): SourceAdapter | undefined {
  return adapters.get(kind as SourceKind);
}
