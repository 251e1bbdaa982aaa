import type { SourceConfig } from '../../src/config/schema.js';

/** An official GitHub status page source named `id`, polled every minute (its host never resolves: nothing polls it in these tests). */
export const githubStatusSource = (id: string): SourceConfig =>
  ({
    id,
    kind: 'statuspage',
    provider: 'github',
    trust: 'official',
    url: `https://${id}.example/api/v2/summary.json`,
    interval: 60_000,
    enabled: true,
  }) as SourceConfig;
