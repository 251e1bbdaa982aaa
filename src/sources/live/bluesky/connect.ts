import type { BlueskySourceConfig } from '../../adapters/bluesky/config.js';
import type { ReadContext } from '../../read-context.js';
import type { LiveDeps } from '../deps.js';
import type { LiveHandle, PostSink } from '../result.js';
import { startJetstream } from './jetstream.js';

/** The `bluesky` plugin's consumer of one enabled source (StreamedPlugin.connect). */
export function connectJetstream(ctx: ReadContext, s: BlueskySourceConfig, deps: LiveDeps, store: PostSink): LiveHandle {
  return startJetstream(
    ctx,
    { id: s.id, url: s.url, keywords: s.keywords, outageWords: s.outage_words, accounts: s.accounts, tier: s.trust, provider: s.provider },
    {
      fetch: deps.fetch,
      store,
      timers: deps.timers,
      rewindMs: deps.jetstream?.rewindMs,
      saveEveryMs: deps.jetstream?.saveEveryMs,
      silenceMs: deps.jetstream?.silenceMs ?? (s.silence_timeout === false ? 0 : s.silence_timeout),
      onEvent: deps.jetstream?.onEvent,
      wantedDids: deps.jetstream?.wantedDids?.[s.id],
      exclusive: deps.exclusive,
    },
  );
}
