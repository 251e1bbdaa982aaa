import type { AppContext } from '../app/context.js';

/**
 * The provider a post speaks for: its source's `provider` (a status page, a provider's account
 * timeline), else the catalog account that wrote it; null when neither says. Another provider's
 * page or account is heard as an outside report (correlate/own-voice.ts): by the correlator, and
 * by the notice and the write-up, or @githubstatus on Fastly would read as Fastly's own word.
 */
export function speaksFor(ctx: AppContext, s: { source_id: string; author: string | null }): string | null {
  const source = ctx.config.sources.find((x) => x.id === s.source_id);
  if (source?.provider) return source.provider;
  return s.author ? ctx.config.catalog.resolve({ handle: s.author }) : null;
}
