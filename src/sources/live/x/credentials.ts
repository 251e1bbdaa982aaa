import type { ReadContext } from '../../read-context.js';

export const X_OFF_MESSAGE = 'X sources are off: no X API credentials (set X_BEARER_TOKEN to turn them on); every other source runs';

/** The per-source error recorded while X is off, so `sources` listings say why nothing arrives. */
export const X_OFF_SOURCE_ERROR = 'X API credentials missing (X_BEARER_TOKEN is not set): this source is off';

// One line per loaded configuration (one per process in production), however many X sources
// or polls there are.
const told = new WeakSet<object>();

/** Says once, clearly, that X sources are off for lack of credentials. */
export function noteXOff(ctx: ReadContext): void {
  if (told.has(ctx.config)) return;
  told.add(ctx.config);
  const sources = ctx.config.sources.filter((s) => s.kind === 'twitter' && s.enabled).map((s) => s.id);
  ctx.log.warn({ sources }, X_OFF_MESSAGE);
}
