import type { Incident, Signal } from '../domain/incident.js';
import { correlateConfig, type CorrelateConfig } from './config.js';
import { isOpen } from './lifecycle.js';
import { isEvidence, roleOf, type SignalRole } from './signal-role.js';
import { compatibleNames, jaccard, sharedNames, words } from './text.js';
import { ms } from './time.js';
import { officialThread, incidentIds } from './official-thread.js';

/**
 * The incident `signal` belongs to, or null to open a new one (or, when the signal has no
 * provider or is not evidence, to skip it: applySignal then returns null too).
 *
 * `incidents`: the provider's recent incidents, open or closed (closed ones matter only inside
 * the reopen window; passing everything updated in the last staleConfirmedMs is enough).
 *
 * A signal may join an incident of one of its providers when:
 * - it is an update of a provider incident already attached (same official id), whatever the
 *   incident's status or age; otherwise
 * - components and regions are compatible (either side names none, or they share one), and, if
 *   the signal is about a provider incident of its own while this incident already follows
 *   another one, the components explicitly overlap (two provider incidents on different parts
 *   are two incidents); and
 * - by status: suspected/corroborated: last signal within matchWindowMs (2 h = fade + reopen
 *   window, so an incident the sweep has not faded yet behaves like a faded one);
 *   confirmed: last signal within staleConfirmedMs; faded: within fadeMs + reopenWindowMs of its
 *   last signal; resolved: within reopenWindowMs of the resolution, and only chatter (not the
 *   status page about something else) — the aftermath is absorbed instead of opening a new one.
 * Among several: same official id first, then open before closed, then the most components and
 * regions in common, then text similarity with the title, then the most recent.
 */
export function matchIncident(signal: Signal, incidents: readonly Incident[], now: number, config: Partial<CorrelateConfig> = {}): Incident | null {
  const cfg = correlateConfig(config);
  if (signal.providers.length === 0) return null;
  const text = words(signal.text);
  let best: { incident: Incident; key: number[] } | null = null;
  for (const incident of incidents) {
    if (!signal.providers.includes(incident.provider)) continue;
    const role = roleOf(signal, cfg, incident.official_incident_ids);
    if (!isEvidence(role)) continue;
    const sameOfficial = signal.official !== null && incident.official_incident_ids.includes(signal.official.id);
    if (!sameOfficial && !mayJoin(signal, role, incident, now, cfg)) continue;
    const key = [
      sameOfficial ? 1 : 0,
      isOpen(incident.status) ? 1 : 0,
      sharedNames(incident.components, signal.components) + sharedNames(incident.regions, signal.regions),
      jaccard(text, words(incident.title)),
      ms(incident.last_signal_at),
    ];
    if (!best || compareKeys(key, best.key) > 0) best = { incident, key };
  }
  return best?.incident ?? null;
}

/**
 * Every open incident `signal` could join besides the best one: when one signal fits two open
 * incidents of its provider, they are one problem seen twice, and the caller merges them.
 * Incidents that follow different provider incidents are never offered (they are two problems).
 */
export function alsoJoinable(signal: Signal, best: Incident, incidents: readonly Incident[], now: number, config: Partial<CorrelateConfig> = {}): Incident[] {
  const cfg = correlateConfig(config);
  return incidents.filter((incident) => {
    if (incident.id === best.id || !isOpen(incident.status) || !signal.providers.includes(incident.provider)) return false;
    const mine = incidentIds(incident.official_incident_ids);
    const theirs = incidentIds(best.official_incident_ids);
    const followsOther = mine.length > 0 && theirs.length > 0 && !mine.some((id) => theirs.includes(id));
    if (followsOther) return false;
    const role = roleOf(signal, cfg, incident.official_incident_ids);
    return isEvidence(role) && mayJoin(signal, role, incident, now, cfg);
  });
}

function mayJoin(signal: Signal, role: SignalRole, incident: Incident, now: number, cfg: CorrelateConfig): boolean {
  // While an incident is established (corroborated or confirmed), people report its symptoms on
  // whatever part they use ("Actions stuck" during a Git Operations outage): their posts join it
  // whatever component they name. A mere suspicion stays strict, so unrelated chatter stays apart.
  const established = incident.status === 'corroborated' || incident.status === 'confirmed';
  const symptom = established && !signal.official && role === 'claim';
  if (!symptom && !compatibleNames(incident.components, signal.components)) return false;
  if (!compatibleNames(incident.regions, signal.regions)) return false;
  // The page speaking of another of its incidents: two provider incidents are two incidents
  // (one AWS event's RSS items share a thread, see official-thread.ts, and stay together).
  // A component's status change (`component:<name>`, from the page's component list) is about a
  // part, not an incident: it joins the incident on that part.
  const following = incidentIds(incident.official_incident_ids);
  if (signal.official && following.length > 0) {
    const thread = officialThread(signal.official.id);
    const sameThread = following.some((id) => officialThread(id) === thread);
    const componentState = signal.official.id.startsWith('component:');
    if (componentState ? sharedNames(incident.components, signal.components) === 0 : !sameThread) return false;
  }
  const sinceLast = now - ms(incident.last_signal_at);
  switch (incident.status) {
    case 'watching':
    case 'suspected':
    case 'corroborated':
      return sinceLast <= cfg.matchWindowMs;
    case 'confirmed':
      return sinceLast <= cfg.staleConfirmedMs;
    case 'faded':
      return sinceLast <= cfg.fadeMs + cfg.reopenWindowMs;
    case 'resolved': {
      if (signal.tier === 'official' || role === 'resolves') return false;
      const resolvedAt = incident.resolved_at ? ms(incident.resolved_at) : ms(incident.last_signal_at);
      return now - resolvedAt <= cfg.reopenWindowMs;
    }
  }
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
