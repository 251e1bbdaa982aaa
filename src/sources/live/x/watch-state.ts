import type { TwitterSourceConfig } from '../../adapters/twitter/config.js';
import { getSource } from '../../../store/sources-repo.js';
import type { ReadContext } from '../../read-context.js';
import { readCursor } from '../cursor.js';

/** Where the X budget goes now, from the watch source's state (./watch.ts). */
export interface XStrategyView {
  source: string;
  /** `sample`: all is quiet; `incident`: reading the providers' own queries; null: not polled yet. */
  mode: 'sample' | 'incident' | null;
  /** Providers whose query is read (incident mode). */
  providers: string[];
  last_sample_at: string | null;
  sample_every_seconds: number;
  incident_every_seconds: number;
}

function isWatch(s: { kind: string; enabled: boolean }): s is TwitterSourceConfig {
  return s.kind === 'twitter' && s.enabled && (s as Partial<TwitterSourceConfig>).incident_queries === true;
}

/** The budget strategy's state: the first enabled `twitter` source with incident_queries, or null. */
export async function xStrategy(ctx: Pick<ReadContext, 'db' | 'config'>): Promise<XStrategyView | null> {
  const watch = ctx.config.sources.find(isWatch);
  if (!watch) return null;
  const state = readCursor((await getSource(ctx.db, watch.id))?.cursor ?? null);
  return {
    source: watch.id,
    mode: state.mode === 'sample' || state.mode === 'incident' ? state.mode : null,
    providers: state.mode === 'incident' && state.providers ? state.providers.split(',') : [],
    last_sample_at: state.sampled_at ?? null,
    sample_every_seconds: Math.round((watch.sample_every ?? watch.interval) / 1000),
    incident_every_seconds: Math.round(watch.interval / 1000),
  };
}
