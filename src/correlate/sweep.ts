import type { Incident } from '../domain/incident.js';
import { correlateConfig, type CorrelateConfig } from './config.js';
import { statusAfterSilence } from './lifecycle.js';
import { rankOf, type ImpactLookup } from './rank.js';
import { describeChange, type TimelineEvent } from './timeline.js';
import { iso, ms } from './time.js';

export interface SweepOptions {
  impact?: ImpactLookup;
  config?: Partial<CorrelateConfig>;
}

export interface SweepChange {
  incident: Incident;
  events: TimelineEvent[];
}

/**
 * Time passing with no new signal: fades incidents that went quiet (lifecycle.statusAfterSilence)
 * and re-ranks as freshness decays. Returns only the incidents that changed: a status change,
 * or a rank that moved by more than rankEpsilon (so the store is not rewritten every tick, and
 * decayed incidents stop changing once their rank is near zero).
 */
export function sweep(incidents: readonly Incident[], now: number, opts: SweepOptions = {}): Incident[] {
  return sweepChanges(incidents, now, opts).map((c) => c.incident);
}

/** sweep() with the timeline events of each change. */
export function sweepChanges(incidents: readonly Incident[], now: number, opts: SweepOptions = {}): SweepChange[] {
  const cfg = correlateConfig(opts.config);
  const changes: SweepChange[] = [];
  for (const before of incidents) {
    const status = statusAfterSilence(before, now, cfg);
    const impact = opts.impact?.(before);
    const rank = rankOf({ ...before, status }, impact, now, cfg);
    if (status === before.status && Math.abs(rank - before.rank) <= cfg.rankEpsilon) continue;
    const after: Incident = { ...before, status, rank, updated_at: iso(now) };
    changes.push({ incident: after, events: describeChange(before, after, null, fadedAt(before, status, now, cfg)) });
  }
  return changes;
}

/**
 * When an incident really faded: the end of its silence window, not whenever the sweep ran, so
 * the timeline does not depend on the sweep's timing.
 */
function fadedAt(before: Incident, status: Incident['status'], now: number, cfg: CorrelateConfig): number {
  if (status !== 'faded' || before.status === 'faded') return now;
  const window = before.status === 'confirmed' ? cfg.staleConfirmedMs : cfg.fadeMs;
  return Math.min(now, ms(before.last_signal_at) + window);
}
