import type { Incident, TrustTier } from '../../src/domain/incident.js';
import type { OfficialIncident } from '../../src/domain/post.js';
import { applySignal, correlateSignal, type ApplyOptions } from '../../src/correlate/apply.js';
import { burstAt, emptyBurstState, recordComplaint, type BurstConfig, type BurstState } from '../../src/correlate/burst.js';
import { DEFAULT_BURST_CONFIG } from '../../src/correlate/burst.js';
import { matchIncident } from '../../src/correlate/match.js';
import type { EvidenceSignal } from '../../src/correlate/signal-role.js';
import { sweep } from '../../src/correlate/sweep.js';
import type { TimelineEvent } from '../../src/correlate/timeline.js';

/** Milliseconds of "2017-02-28T<hhmm>:00Z", e.g. at('17:38'). */
export function at(hhmm: string, day = '2017-02-28'): number {
  return Date.parse(`${day}T${hhmm}:00.000Z`);
}

export const MIN = 60_000;

const TIER_TRUST: Record<string, number> = {
  official: 1,
  'provider-account': 0.95,
  staff: 0.8,
  news: 0.7,
  community: 0.5,
  'first-party': 0.6,
  public: 0.35,
  unknown: 0.2,
};

let seq = 0;

/** A social claim about AWS S3; score is probability × trust unless given. */
export function claim(over: Partial<EvidenceSignal> & { at: number }): EvidenceSignal {
  const { at: when, ...rest } = over;
  const tier: TrustTier = rest.tier ?? 'public';
  const trust = rest.trust ?? TIER_TRUST[tier] ?? 0.2;
  const probability = rest.probability ?? 0.9;
  const id = rest.post_id ?? `p${++seq}`;
  return {
    post_id: id,
    source_id: 'x-search-aws',
    tier,
    trust,
    probability,
    outage: probability >= 0.5,
    providers: ['aws'],
    components: ['S3'],
    regions: [],
    score: probability * trust,
    published_at: new Date(when).toISOString(),
    author: `user_${id}`,
    post_kind: 'social',
    text: `s3 is failing for us right now (${id})`,
    official: null,
    echo_of: null,
    title: null,
    ...rest,
  };
}

/** An update from AWS's status page (tier official) about provider incident `id`. */
export function official(
  id: string,
  status: OfficialIncident['status'],
  when: number,
  over: Partial<EvidenceSignal> & { impact?: OfficialIncident['impact'] } = {},
): EvidenceSignal {
  const { impact = 'major', ...rest } = over;
  return claim({
    at: when,
    tier: 'official',
    source_id: 'aws-status-s3',
    probability: 1,
    author: 'AWS Health Dashboard',
    post_kind: 'official',
    regions: ['us-east-1'],
    text: `Amazon S3 (N. Virginia) ${status}`,
    official: {
      id,
      status,
      impact,
      components: ['Amazon Simple Storage Service (N. Virginia)'],
      regions: ['us-east-1'],
      started_at: null,
      resolved_at: status === 'resolved' ? new Date(when).toISOString() : null,
    },
    ...rest,
  });
}

/**
 * What the lead's correlate worker does, in memory: match, apply, remember the evidence, and
 * (optionally) count complaints per provider for the burst detector.
 */
export class Harness {
  readonly incidents = new Map<string, Incident>();
  readonly evidence = new Map<string, EvidenceSignal[]>();
  readonly events: Array<TimelineEvent & { incident_id: string }> = [];
  private readonly bursts = new Map<string, BurstState>();
  private n = 0;

  constructor(private readonly options: { burst?: boolean; burstConfig?: BurstConfig; impact?: ApplyOptions['impact'] } = {}) {}

  feed(signal: EvidenceSignal, now: number): Incident | null {
    const burst = this.countForBurst(signal, now);
    const target = matchIncident(signal, [...this.incidents.values()], now);
    const evidence = target ? (this.evidence.get(target.id) ?? []) : [];
    const out = correlateSignal(target, signal, evidence, now, {
      newId: () => `inc-${++this.n}`,
      providerName: (p) => (p === 'aws' ? 'AWS' : p),
      burst,
      impact: this.options.impact,
    });
    if (!out) return null;
    this.incidents.set(out.incident.id, out.incident);
    this.evidence.set(out.incident.id, [...evidence, signal]);
    for (const e of out.events) this.events.push({ ...e, incident_id: out.incident.id });
    return out.incident;
  }

  sweep(now: number): Incident[] {
    const changed = sweep([...this.incidents.values()], now);
    for (const c of changed) this.incidents.set(c.id, c);
    return changed;
  }

  all(): Incident[] {
    return [...this.incidents.values()];
  }

  private countForBurst(signal: EvidenceSignal, now: number): boolean {
    if (!this.options.burst) return false;
    const cfg = this.options.burstConfig ?? DEFAULT_BURST_CONFIG;
    const provider = signal.providers[0];
    if (!provider) return false;
    let state = this.bursts.get(provider) ?? emptyBurstState();
    if (signal.outage && signal.tier !== 'official') state = recordComplaint(state, now, cfg);
    this.bursts.set(provider, state);
    return burstAt(state, now, cfg).burst;
  }
}

export const opts: ApplyOptions = { newId: () => 'inc-new', providerName: (p) => (p === 'aws' ? 'AWS' : p) };

/** Applies signals one after another to one incident (no matching), the way tests of the lifecycle want. */
export function chain(signals: readonly EvidenceSignal[], now: number, extra: Partial<ApplyOptions> = {}): Incident | null {
  let incident: Incident | null = null;
  const evidence: EvidenceSignal[] = [];
  for (const s of signals) {
    const next = applySignal(incident, s, evidence, now, { ...opts, ...extra });
    if (next) {
      incident = next;
      evidence.push(s);
    }
  }
  return incident;
}
