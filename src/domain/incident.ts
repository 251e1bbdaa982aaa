import type { OfficialIncident, PostKind } from './post.js';

/** Trust tiers every deployment has (docs/contracts/replay-scenario.md); config may add more. */
export const STANDARD_TIERS = ['official', 'provider-account', 'staff', 'news', 'community', 'first-party', 'public', 'unknown'] as const;
export type TrustTier = (typeof STANDARD_TIERS)[number] | (string & {});

/** Tiers whose word confirms an incident: the provider's status page and its own accounts. */
export const CONFIRMING_TIER_LIST = ['official', 'provider-account'] as const;
export const CONFIRMING_TIERS: ReadonlySet<string> = new Set(CONFIRMING_TIER_LIST);

/** A post's analysis (docs/decisions.md, "Posts, signals, incidents and watch items"). */
export interface Signal {
  post_id: string;
  source_id: string;
  tier: TrustTier;
  /** The tier's weight times the author's learned reputation, in [0, 1]. */
  trust: number;
  /** Classifier's outage probability in [0, 1]; official posts with an incident are 1. */
  probability: number;
  outage: boolean;
  providers: string[];
  components: string[];
  regions: string[];
  /** probability × trust: what this post alone contributes before echo/spam guards. */
  score: number;
  published_at: string;
  author: string | null;
  post_kind: PostKind;
  text: string;
  /** For official posts: what the provider said about its incident. */
  official: OfficialIncident | null;
  /** The original post's id when this is a repost or quote (never independent evidence). */
  echo_of: string | null;
  /** Scored in the weak-evidence band under the classifier's threshold (see pipeline/analyzer.ts). */
  weak?: boolean;
}

/**
 * A Signal as the correlator keeps it and the store builds it from a post and its signal.
 * `title` is the post's title: for official posts it is the provider's name for its incident
 * ("Increased Error Rates"), used in the incident title.
 */
export type EvidenceSignal = Signal & { title?: string | null };

/**
 * `watching` is a watch item (docs/decisions.md): one public author's post(s) about a provider, shown
 * apart, with no impact claim, clock, notice or webhook, until independent authors, a burst or
 * a trusted source back it and it opens as `suspected`.
 */
export const INCIDENT_STATES = ['watching', 'suspected', 'corroborated', 'confirmed', 'resolved', 'faded'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/**
 * The statuses of an open incident, least certain first (watch items are not incidents). Also
 * the `min_status` values of a webhook subscription. SQL takes it as a parameter:
 * `status = ANY($1::text[])`.
 */
export const OPEN_STATES = ['suspected', 'corroborated', 'confirmed'] as const;
export type OpenState = (typeof OPEN_STATES)[number];

/** Not closed: a watch item or an open incident; signals may still join it. */
export const ACTIVE_STATES = ['watching', ...OPEN_STATES] as const;

/** Closed: resolved by the provider, or faded when the chatter stopped. */
export const CLOSED_STATES = ['resolved', 'faded'] as const;

export function isOpenState(status: string): status is OpenState {
  return (OPEN_STATES as readonly string[]).includes(status);
}

/** Not closed: a watch item or an open incident (signals may join it). */
export function isActiveState(status: string): boolean {
  return (ACTIVE_STATES as readonly string[]).includes(status);
}

/** An incident's severity, least first. */
export const SEVERITIES = ['minor', 'major', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** What happened to an incident, as the timeline, the live stream and webhooks say it. */
export const INCIDENT_CHANGE_TYPES = ['opened', 'changed', 'resolved', 'faded'] as const;
export type IncidentChangeType = (typeof INCIDENT_CHANGE_TYPES)[number];

export interface EvidenceItem {
  post_id: string;
  contribution: number;
}

export interface Incident {
  id: string;
  provider: string;
  components: string[];
  regions: string[];
  title: string;
  status: IncidentState;
  severity: Severity;
  /** In [0, 1]: how sure we are that this is a real disruption. */
  confidence: number;
  /** confidence × severity × our impact × freshness (README, "Ranking"). */
  rank: number;
  first_seen_at: string;
  last_signal_at: string;
  corroborated_at: string | null;
  confirmed_at: string | null;
  resolved_at: string | null;
  /** First post from an `official` source (the status page), for the official lag. */
  official_first_at: string | null;
  official_lag_seconds: number | null;
  official_incident_ids: string[];
  evidence_count: number;
  /** The strongest evidence with each one's contribution. */
  explanation: EvidenceItem[];
  updated_at: string;
  /** Set when this incident turned out to be part of another one and was merged into it. */
  merged_into?: string | null;
  /**
   * When it became an incident (suspected or further): null while it is only a watch item, and
   * for a watch item that faded without ever being backed. Absent on incidents stored before
   * watch items existed: they were incidents from their first post.
   */
  opened_at?: string | null;
}

/** True for a watch item, open or faded: it never became an incident. */
export function isWatchItem(i: Pick<Incident, 'status' | 'opened_at'>): boolean {
  return i.status === 'watching' || (i.opened_at === null && i.status === 'faded');
}
