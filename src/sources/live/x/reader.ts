/**
 * The `twitter` plugin's readers: its polls (./poll.ts) and the process-wide filtered stream
 * (./stream.ts), given what the plugin shape gives them (src/sources/plugin.ts).
 */
import type { TwitterSourceConfig } from '../../adapters/twitter/config.js';
import type { SourceState } from '../../../store/sources-repo.js';
import type { ReadContext } from '../../read-context.js';
import { DEFAULT_X_MONTHLY_READ_BUDGET, type LiveDeps } from '../deps.js';
import type { LiveHandle, LivePoll, PostSink } from '../result.js';
import { closeOwnXClients, xClientFor } from './client-for.js';
import { noteXOff } from './credentials.js';
import { pollX } from './poll.js';
import { startXFilteredStream } from './stream.js';
import { pollXWatch } from './watch.js';

/** One poll of a `twitter` source (ApiPlugin.fetch). */
export async function readXSource(ctx: ReadContext, source: SourceState, config: TwitterSourceConfig | null, deps: LiveDeps): Promise<LivePoll> {
  if (!config) return { pages: [], facts: {}, skipped: `${source.id} is not a configured twitter source` };
  const poll = config.incident_queries ? pollXWatch : pollX;
  return poll(ctx, source, config, {
    client: xClientFor(ctx, deps),
    random: deps.random,
    monthlyReadBudget: deps.x?.monthlyReadBudget ?? DEFAULT_X_MONTHLY_READ_BUDGET,
    pageSize: deps.x?.pageSize,
    requestTimeoutMs: ctx.config.network.request_timeout,
  });
}

/**
 * What X runs once per process (ApiPlugin.background): the filtered stream when it is
 * configured and there are credentials. Without credentials while X is wanted, X says so once
 * in the log and everything else runs. Stopping it also closes the X clients made here.
 */
export function startXBackground(ctx: ReadContext, deps: LiveDeps, store: PostSink): LiveHandle {
  const wantsX = Boolean(deps.x?.stream) || ctx.config.sources.some((s) => s.kind === 'twitter' && s.enabled);
  const client = wantsX ? xClientFor(ctx, deps) : null;
  if (wantsX && !client) noteXOff(ctx);
  const stream =
    deps.x?.stream && client
      ? startXFilteredStream(
          ctx,
          {
            client,
            store,
            monthlyReadBudget: deps.x.monthlyReadBudget ?? DEFAULT_X_MONTHLY_READ_BUDGET,
            timers: deps.timers,
            exclusive: deps.exclusive,
            onEvent: deps.x.onStreamEvent,
          },
          deps.x.stream,
        )
      : null;
  return {
    async stop() {
      await stream?.stop();
      closeOwnXClients(ctx);
    },
  };
}
