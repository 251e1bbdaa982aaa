import { CONFIRMING_TIERS, isSeverity, isWatchItem, type EvidenceItem, type Incident, type Severity } from '../domain/incident.js';
import type { Impact } from '../domain/post.js';
import { correlateConfig, type CorrelateConfig } from './config.js';
import { confidenceFor } from './confidence.js';
import { countEvidence, type CountedEvidence } from './evidence.js';
import { atLeast, nextStatus, type LifecycleFacts } from './lifecycle.js';
import { rankOf, type ImpactLookup } from './rank.js';
import { severityOf } from './severity.js';
import { isEvidence, roleOf, type EvidenceSignal, type SignalRole } from './signal-role.js';
import { ordinal, unionNames } from './text.js';
import { describeChange, type TimelineEvent } from './timeline.js';
import { eventTime, iso, ms } from './time.js';
import { incidentTitle } from './title.js';
import { officialThread } from './official-thread.js';
import { WITHDRAWN } from './withdrawn.js';

export interface ApplyOptions {
  /** Id for a new incident. */
  newId: () => string;
  /** Catalog id → display name ("aws" → "AWS"); defaults to the id. */
  providerName?: (providerId: string) => string;
  /** Complaints about this provider are bursting now (burst.ts), which corroborates. */
  burst?: boolean;
  /** Our features the incident touches, for the rank; without it the impact factor is 1. */
  impact?: ImpactLookup;
  config?: Partial<CorrelateConfig>;
}

export interface SignalOutcome {
  incident: Incident;
  /** Every attached post's contribution after the echo/spam guards (0 when discounted). */
  contributions: Map<string, number>;
  /** Timeline events for this change (opened, status changes, the page's first word). */
  events: TimelineEvent[];
}

/**
 * Adds one signal to an incident (or opens one when `incident` is null) and recomputes the
 * incident from all its evidence. Returns null when the signal is not evidence (noise,
 * maintenance, a post already attached) or is too weak to open an incident: the caller then
 * attaches nothing.
 *
 * `evidenceSoFar` are the signals already attached to `incident` (empty for a new one).
 * Everything is derived from the evidence, so the result does not depend on the order in which
 * posts arrived, except the moment of corroboration, which is when it happened.
 */
export function applySignal(
  incident: Incident | null,
  signal: EvidenceSignal,
  evidenceSoFar: readonly EvidenceSignal[],
  now: number,
  opts: ApplyOptions,
): Incident | null {
  return correlateSignal(incident, signal, evidenceSoFar, now, opts)?.incident ?? null;
}

/** applySignal with the per-post contributions and the timeline events the change produces. */
export function correlateSignal(
  incident: Incident | null,
  signal: EvidenceSignal,
  evidenceSoFar: readonly EvidenceSignal[],
  now: number,
  opts: ApplyOptions,
): SignalOutcome | null {
  const cfg = correlateConfig(opts.config);
  if (evidenceSoFar.some((e) => e.post_id === signal.post_id)) return null; // a job ran twice
  const provider = incident?.provider ?? signal.providers[0];
  if (!provider) return null;

  const all = [...evidenceSoFar, signal];
  const knownIds = officialIds(all, cfg, incident?.official_incident_ids ?? []);
  const roles = all.map((s) => roleOf(s, cfg, knownIds));
  const role = roles[roles.length - 1]!;
  if (!isEvidence(role)) return null;
  const evidence = all.filter((_, i) => isEvidence(roles[i]!));
  const evidenceRoles = roles.filter(isEvidence);

  const counted = countEvidence(evidence, cfg);
  const page = pageState(evidence, evidenceRoles, now);
  const facts: LifecycleFacts = {
    pageResolved: page.resolved,
    providerConfirmed: evidenceRoles.includes('confirms'),
    corroborated: corroborated(evidence, evidenceRoles, counted, opts.burst === true, cfg),
    credible: role !== 'claim' || signal.score >= cfg.openMinScore,
    backed: backed(evidence, evidenceRoles, counted, opts.burst === true, cfg),
    watchOnly: incident !== null && isWatchItem(incident),
  };
  const status = nextStatus(incident?.status ?? null, facts);
  if (status === null) return null;

  // An incident's events never go back in time: a post published earlier but read later (another
  // source's next poll) changes the incident when it is read, not before its last change.
  const at = Math.max(eventTime(signal, now), incident ? lastChangeAt(incident) : -Infinity);
  let firstSeen = incident ? ms(incident.first_seen_at) : Infinity;
  let lastSignal = incident ? ms(incident.last_signal_at) : -Infinity;
  for (const s of evidence) {
    const t = eventTime(s, now);
    if (t < firstSeen) firstSeen = t;
    if (t > lastSignal) lastSignal = t;
  }
  const confirmedAt = earliest(evidence, now, (s) => CONFIRMING_TIERS.has(s.tier), incident?.confirmed_at);
  const officialFirstAt = earliest(evidence, now, (s) => s.tier === 'official', incident?.official_first_at);
  // A watch item becomes an incident the moment it is backed; older incidents had no such step.
  const openedAt = incident && incident.opened_at !== null ? (incident.opened_at ?? incident.first_seen_at) : atLeast(status, 'suspected') ? iso(at) : null;
  // Corroborated no later than confirmed (a provider's post read late confirms as of its own
  // time, and the incident it confirms was corroborated by then) and no earlier than opened: the
  // milestones read in order.
  const corroborationTime = Math.max(openedAt === null ? -Infinity : ms(openedAt), confirmedAt === null ? at : Math.min(at, confirmedAt));
  const corroboratedAt = incident?.corroborated_at ?? (atLeast(status, 'corroborated') ? iso(corroborationTime) : null);

  const components = unionNames(incident?.components ?? [], ...evidence.map((s) => s.components));
  const regions = unionNames(incident?.regions ?? [], ...evidence.map((s) => s.regions));
  const severity = stickySeverity(
    incident?.severity ?? null,
    severityOf({ status, officialImpact: page.impact, independent: counted.independent, burst: opts.burst === true }),
    page.impact,
  );
  const confidence = confidenceFor(status, counted.noisyOr);
  const resolvedAt = status === 'resolved' ? page.resolvedAt : null;

  const base = {
    status,
    severity,
    confidence,
    last_signal_at: iso(lastSignal),
    resolved_at: resolvedAt === null ? null : iso(resolvedAt),
  };
  const next: Incident = {
    id: incident?.id ?? opts.newId(),
    provider,
    components,
    regions,
    title: incidentTitle({
      providerName: opts.providerName?.(provider) ?? provider,
      components,
      regions,
      officialTitle: page.title,
      status,
    }),
    ...base,
    rank: rankOf(base, opts.impact?.({ provider, components, regions }), now, cfg),
    first_seen_at: iso(firstSeen),
    corroborated_at: corroboratedAt,
    confirmed_at: confirmedAt === null ? null : iso(confirmedAt),
    official_first_at: officialFirstAt === null ? null : iso(officialFirstAt),
    official_lag_seconds: officialFirstAt === null ? null : Math.round((officialFirstAt - firstSeen) / 1000),
    official_incident_ids: knownIds,
    evidence_count: evidence.length,
    explanation: explain(evidence, counted, cfg.explanationSize),
    updated_at: iso(now),
    opened_at: openedAt,
  };
  return {
    incident: next,
    contributions: counted.contributions,
    events: describeChange(incident, next, signal, at, { closesWithdrawal: page.closedWithdrawal }),
  };
}

/** Provider incident ids the evidence speaks about, in order of first appearance. */
function officialIds(all: readonly EvidenceSignal[], cfg: CorrelateConfig, known: readonly string[]): string[] {
  const ids = [...known];
  for (const s of all) {
    if (!s.official || ids.includes(s.official.id)) continue;
    const role: SignalRole = roleOf(s, cfg, ids);
    if (role === 'confirms' || role === 'resolves') ids.push(s.official.id);
  }
  return ids;
}

interface PageState {
  /** Some provider incident is attached and the page's latest word on each one ends it. */
  resolved: boolean;
  /** When the last of them ended (the provider's resolved_at, else the post's time). */
  resolvedAt: number | null;
  /** The page's latest impact rating, ignoring none/maintenance. */
  impact: Impact | null;
  /** The page's latest title for its incident. */
  title: string | null;
  /** The signal being applied (the last evidence) is the provider's closing update for a thread we had ended as withdrawn. */
  closedWithdrawal: boolean;
}

/** The latest open update that came after a resolving one, or -Infinity when never reopened. */
function reopenedAtOf(updates: ReadonlyArray<{ t: number; resolves: boolean }>): number {
  const firstResolve = Math.min(...updates.filter((u) => u.resolves).map((u) => u.t));
  return Math.max(...updates.filter((u) => !u.resolves && u.t > firstResolve).map((u) => u.t));
}

/** What the provider's status page (tier `official`) has said, update by update. */
function pageState(evidence: readonly EvidenceSignal[], roles: readonly SignalRole[], now: number): PageState {
  const latest = new Map<string, { t: number; resolves: boolean; withdrawn: boolean; resolvedAt: number }>();
  // Each thread's updates, to tell a reopened incident: its resolved_at may still be its first
  // resolution's, which the reopening makes stale.
  const rounds = new Map<string, Array<{ t: number; resolves: boolean }>>();
  let impact: Impact | null = null;
  let impactAt = -Infinity;
  let closedWithdrawal = false;
  let title: string | null = null;
  let titleAt = -Infinity;
  for (let i = 0; i < evidence.length; i++) {
    const s = evidence[i]!;
    if (s.tier !== 'official') continue;
    const t = eventTime(s, now);
    const resolves = roles[i] === 'resolves';
    if (s.official) {
      const thread = officialThread(s.official.id);
      const prev = latest.get(thread);
      const withdrawn = s.official.status_raw === WITHDRAWN;
      // Same instant: the resolving update wins, it is the later one in every real feed. The
      // provider's own closing update beats our "withdrawn" for the same end, whichever was read
      // first: summary.json drops an incident in the same poll that incidents.json resolves it.
      const closingOverWithdrawal = prev?.withdrawn === true && resolves && !withdrawn;
      const withdrawalAfterClosing = prev !== undefined && prev.resolves && !prev.withdrawn && withdrawn;
      if (closingOverWithdrawal && i === evidence.length - 1) closedWithdrawal = true;
      if (!withdrawn) {
        const mine = rounds.get(thread) ?? [];
        mine.push({ t, resolves });
        rounds.set(thread, mine);
      }
      if (!withdrawalAfterClosing && (!prev || closingOverWithdrawal || t > prev.t || (t === prev.t && resolves))) {
        const stated = s.official.resolved_at ? Date.parse(s.official.resolved_at) : NaN;
        latest.set(thread, { t, resolves, withdrawn, resolvedAt: Number.isFinite(stated) ? Math.min(stated, now) : t });
      }
      const v = s.official.impact;
      if (isSeverity(v) && t >= impactAt) {
        impact = v;
        impactAt = t;
      }
    }
    const tt = s.title?.trim();
    if (tt && t >= titleAt) {
      title = tt;
      titleAt = t;
    }
  }
  const updates = [...latest.entries()].map(([thread, u]) => {
    // A stated end before the thread was reopened is the end of an earlier round. Reopened means
    // an open update after a resolving one: an open update merely posted after the stated end is
    // not (GCP writes its last "mitigated" updates after the incident's `end`).
    const reopenedAt = reopenedAtOf(rounds.get(thread) ?? []);
    return { ...u, resolvedAt: reopenedAt > u.resolvedAt ? u.t : u.resolvedAt };
  });
  const resolved = updates.length > 0 && updates.every((u) => u.resolves);
  const resolvedAt = resolved ? updates.reduce((m, u) => Math.max(m, u.resolvedAt), -Infinity) : null;
  return { resolved, resolvedAt, impact, title, closedWithdrawal };
}

/**
 * Independent evidence: enough distinct authors with enough summed (guarded) score, or a burst
 * of complaints against the provider's baseline, or an outage claim from a staff or news source.
 */
function corroborated(
  evidence: readonly EvidenceSignal[],
  roles: readonly SignalRole[],
  counted: CountedEvidence,
  burst: boolean,
  cfg: CorrelateConfig,
): boolean {
  if (burst) return true;
  if (counted.independent >= cfg.corroborateMinAuthors && counted.sum >= cfg.corroborateMinScore) return true;
  return evidence.some((s, i) => roles[i] === 'claim' && cfg.corroboratingTiers.includes(s.tier));
}

/**
 * Enough to be a suspected incident rather than a watch item: a burst, a claim from a tier that
 * is not a mere stranger (community, first-party, staff, news, the provider), or at least
 * `suspectMinAuthors` independent authors among the claims.
 */
function backed(evidence: readonly EvidenceSignal[], roles: readonly SignalRole[], counted: CountedEvidence, burst: boolean, cfg: CorrelateConfig): boolean {
  if (burst) return true;
  if (evidence.some((s, i) => isEvidence(roles[i]!) && !cfg.watchTiers.includes(s.tier))) return true;
  return counted.independent >= cfg.suspectMinAuthors;
}

function earliest(evidence: readonly EvidenceSignal[], now: number, which: (s: EvidenceSignal) => boolean, stored: string | null | undefined): number | null {
  let best = stored ? ms(stored) : Infinity;
  for (const s of evidence) if (which(s)) best = Math.min(best, eventTime(s, now));
  return Number.isFinite(best) ? best : null;
}

const SEVERITY_ORDER: Record<Severity, number> = { minor: 0, major: 1, critical: 2 };

/**
 * Severity never drops on its own (a burst that ended does not make the outage smaller); the
 * provider's own rating, when it gives one, overrides in both directions.
 */
function stickySeverity(previous: Severity | null, computed: Severity, official: Impact | null): Severity {
  if (official !== null || previous === null) return computed;
  return SEVERITY_ORDER[previous] > SEVERITY_ORDER[computed] ? previous : computed;
}

/** The strongest counted evidence, strongest first, earliest first among equals. */
function explain(evidence: readonly EvidenceSignal[], counted: CountedEvidence, size: number): EvidenceItem[] {
  return evidence
    .map((s) => ({ s, c: counted.contributions.get(s.post_id) ?? 0 }))
    .filter((x) => x.c > 0)
    .sort((a, b) => b.c - a.c || ordinal(a.s.published_at, b.s.published_at) || ordinal(a.s.post_id, b.s.post_id))
    .slice(0, size)
    .map((x) => ({ post_id: x.s.post_id, contribution: Math.round(x.c * 10_000) / 10_000 }));
}

/** When the incident last changed status: the latest of its milestones (opened, corroborated, confirmed, resolved). */
function lastChangeAt(incident: Incident): number {
  let last = ms(incident.first_seen_at);
  for (const t of [incident.opened_at, incident.corroborated_at, incident.confirmed_at, incident.resolved_at]) if (t) last = Math.max(last, ms(t));
  return last;
}
