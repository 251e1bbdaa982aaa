import type { AppContext } from '../app/context.js';
import type { XLiveOptions } from '../sources/live/index.js';
import { createAddressPolicy, createHostLimiter, systemResolver, type FetchDeps, type Resolver } from '../fetch/index.js';

/** Everything the stages need beyond the app context; tests and replay inject their own parts. */
export interface PipelineDeps {
  fetch: FetchDeps;
  /** Returns [0, 1): jitter of the next poll. Replay fixes it so runs repeat exactly. */
  random: () => number;
  /** X API options: read budget, page size, the filtered stream (config/social.yaml). */
  x?: XLiveOptions;
}

export function defaultPipelineDeps(ctx: AppContext, overrides: { resolver?: Resolver; random?: () => number; allow?: string[] } = {}): PipelineDeps {
  const n = ctx.config.network;
  return {
    fetch: {
      clock: ctx.clock,
      resolver: overrides.resolver ?? systemResolver,
      policy: createAddressPolicy({ allow: [...n.allow_private, ...(overrides.allow ?? [])] }),
      hostLimiter: createHostLimiter({ perHost: n.per_host_concurrency }),
      limits: { connectTimeoutMs: n.connect_timeout, totalTimeoutMs: n.request_timeout, maxBodyBytes: n.max_body_bytes },
    },
    random: overrides.random ?? Math.random,
    x: {
      monthlyReadBudget: ctx.config.social.x.monthly_read_budget,
      pageSize: ctx.config.social.x.page_size,
      stream: ctx.config.social.x.stream.enabled
        ? {
            sourceId: 'x-filtered-stream',
            tier: ctx.config.social.x.stream.tier,
            backfillMinutes: ctx.config.social.x.stream.backfill_minutes ?? undefined,
            catchUpPosts: ctx.config.social.x.stream.catch_up_posts,
          }
        : null,
    },
  };
}
