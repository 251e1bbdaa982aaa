/**
 * Ranking of the "what's actually happening" feed:
 *
 *   rank = confidence × severityWeight × impactFactor × freshness          ∈ [0, 2]
 *
 *   confidence      ∈ [0, 1]  from the status band and the counted evidence (confidence.ts)
 *   severityWeight  minor 0.4 · major 0.7 · critical 1.0
 *   impactFactor    1 + affected / total                                    ∈ [1, 2]
 *                   affected = how many of OUR features depend on the incident's components
 *                   (the caller's impact map), total = how many features the map lists; an
 *                   incident touching none of them still ranks, at factor 1
 *   freshness       0.5 ^ (age / halfLife)                                  ∈ (0, 1]
 *                   open (suspected, corroborated, confirmed): age since the last signal,
 *                   half-life 60 min; resolved: age since resolution, faded: age since the last
 *                   signal, both with a 15 min half-life so closed incidents leave the top fast.
 *
 * Products, not sums: a sure but trivial incident, or a severe rumour, or yesterday's outage
 * all rank low; only something likely, bad, touching us and current ranks high.
 */
import type { Incident, Severity } from '../domain/incident.js';
import { DEFAULT_CORRELATE_CONFIG, type CorrelateConfig } from './config.js';
import { isOpen } from './lifecycle.js';
import { ms } from './time.js';

export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { minor: 0.4, major: 0.7, critical: 1.0 };

/** How many of our features an incident touches, from the impact map. */
export interface ImpactCount {
  affected: number;
  total: number;
}

/** The caller's view of the impact map (src/impact): features touched by a provider's components. */
export type ImpactLookup = (incident: Pick<Incident, 'provider' | 'components' | 'regions'>) => ImpactCount;

export function impactFactor(impact: ImpactCount | null | undefined): number {
  if (!impact || impact.total <= 0) return 1;
  const share = Math.min(impact.total, Math.max(0, impact.affected)) / impact.total;
  return 1 + share;
}

export function freshness(
  incident: Pick<Incident, 'status' | 'last_signal_at' | 'resolved_at'>,
  now: number,
  config: Pick<CorrelateConfig, 'halfLifeMs' | 'closedHalfLifeMs'> = DEFAULT_CORRELATE_CONFIG,
): number {
  const open = isOpen(incident.status);
  const since = incident.status === 'resolved' && incident.resolved_at ? incident.resolved_at : incident.last_signal_at;
  const age = Math.max(0, now - ms(since));
  const halfLife = open ? config.halfLifeMs : config.closedHalfLifeMs;
  return Math.pow(0.5, age / halfLife);
}

export function rankOf(
  incident: Pick<Incident, 'status' | 'severity' | 'confidence' | 'last_signal_at' | 'resolved_at'>,
  impact: ImpactCount | null | undefined,
  now: number,
  config: Pick<CorrelateConfig, 'halfLifeMs' | 'closedHalfLifeMs'> = DEFAULT_CORRELATE_CONFIG,
): number {
  const r = incident.confidence * SEVERITY_WEIGHT[incident.severity] * impactFactor(impact) * freshness(incident, now, config);
  return Math.round(r * 10_000) / 10_000;
}
