import { CONFIRMING_TIERS, type Signal } from '../domain/incident.js';
import type { OfficialIncident, OfficialStatus } from '../domain/post.js';
import type { CorrelateConfig } from './config.js';

/** Defined in the domain (the store builds it); re-exported for the correlator's users. */
export type { EvidenceSignal } from '../domain/incident.js';

/**
 * What one signal means for an incident:
 * - `noise`: not evidence at all (no provider, not an outage, too weak, or an official word
 *   from a tier that cannot speak for the provider about the end of an incident);
 * - `maintenance`: planned work announced by the provider; never opens or confirms anything;
 * - `claim`: someone says there is a problem;
 * - `confirms`: the provider itself (status page or own account) says there is a problem;
 * - `resolves`: the provider's status page (tier `official`) says its incident is over.
 */
export type SignalRole = 'noise' | 'maintenance' | 'claim' | 'confirms' | 'resolves';

/** Statuspage's words for planned work. `completed` ends maintenance, except see roleOf. */
const MAINTENANCE_STATUSES: ReadonlySet<OfficialStatus> = new Set(['scheduled', 'in_progress', 'verifying', 'completed']);
export const RESOLVING_STATUSES: ReadonlySet<OfficialStatus> = new Set(['resolved', 'postmortem']);

export function isMaintenance(official: OfficialIncident): boolean {
  return official.impact === 'maintenance' || MAINTENANCE_STATUSES.has(official.status);
}

/**
 * The role of `signal`. `knownOfficialIds` are the provider incident ids already attached to the
 * incident: a `completed` update for one of those ends that incident (some pages use it for
 * incidents too), while any other `completed` update is the end of planned maintenance.
 */
export function roleOf(signal: Signal, config: Pick<CorrelateConfig, 'attachMinScore'>, knownOfficialIds: readonly string[] = []): SignalRole {
  if (signal.providers.length === 0) return 'noise';
  const confirming = CONFIRMING_TIERS.has(signal.tier);
  const official = signal.official;
  if (official) {
    const endsKnownIncident = official.status === 'completed' && official.impact !== 'maintenance' && knownOfficialIds.includes(official.id);
    if (RESOLVING_STATUSES.has(official.status) || endsKnownIncident) {
      // Only the status page closes an incident (the provider's accounts often post follow-ups
      // that read like "resolved" while work goes on); anyone else relaying it is not evidence.
      return signal.tier === 'official' ? 'resolves' : 'noise';
    }
    if (isMaintenance(official)) return 'maintenance';
    if (confirming) return 'confirms';
    return signal.score >= config.attachMinScore ? 'claim' : 'noise';
  }
  // Weak evidence reaches an incident only when its provider's complaints burst (the pipeline
  // checks that before attaching); once attached, it is a claim like the others.
  if (!signal.outage && !signal.weak) return 'noise';
  if (confirming) return signal.outage ? 'confirms' : 'claim';
  return signal.score >= config.attachMinScore ? 'claim' : 'noise';
}

/** Whether a role is evidence that may be attached to an incident. */
export function isEvidence(role: SignalRole): boolean {
  return role === 'claim' || role === 'confirms' || role === 'resolves';
}
