const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Every knob of the correlator, with the reason for its default. */
export interface CorrelateConfig {
  /** A signal joins an unconfirmed incident whose last signal is at most this old. */
  matchWindowMs: number;
  /**
   * An unconfirmed incident with no new signal for this long fades. 90 min: complaints about a
   * real outage keep coming while it lasts; a rumour dies down within the hour.
   */
  fadeMs: number;
  /**
   * After an incident closes, signals still join it for this long instead of opening a new one:
   * a faded incident whose chatter resumes reopens; a resolved one absorbs the "it's back" and
   * "was it down?" aftermath, and reopens only if the status page reopens its own incident.
   */
  reopenWindowMs: number;
  /**
   * A confirmed incident takes chatter for this long after its last signal, and fades after this
   * much silence when only the provider's accounts (never its status page) spoke. When the page
   * spoke, only the page closes the incident.
   */
  staleConfirmedMs: number;
  /** The least score (probability × trust) a claim needs to open an incident. */
  openMinScore: number;
  /** The least score a claim needs to be attached at all. */
  attachMinScore: number;
  /** Corroboration by volume: this many independent authors ... */
  corroborateMinAuthors: number;
  /** ... whose counted scores sum to at least this. */
  corroborateMinScore: number;
  /** One outage claim from one of these tiers corroborates on its own. */
  corroboratingTiers: readonly string[];
  /**
   * Claims from these tiers alone make a watch item, not an incident, until at least
   * `suspectMinAuthors` independent authors (or a burst) back them: one stranger's post must
   * not start a "status page silent" clock or draft a customer notice.
   */
  watchTiers: readonly string[];
  suspectMinAuthors: number;
  /**
   * Texts with at least this many words that normalise to the same string are one copy-paste
   * flood. Shorter ones ("aws down?") are what independent people really type, so they stay
   * separate.
   */
  echoMinTokens: number;
  /** Freshness half-life of open incidents, from their last signal. */
  halfLifeMs: number;
  /** Freshness half-life of resolved and faded incidents: they leave the top of the feed fast. */
  closedHalfLifeMs: number;
  /** How many pieces of evidence the explanation lists. */
  explanationSize: number;
  /** sweep() reports an incident whose rank moved by more than this, so the feed order stays right. */
  rankEpsilon: number;
}

export const DEFAULT_CORRELATE_CONFIG: CorrelateConfig = {
  matchWindowMs: 2 * HOUR,
  fadeMs: 90 * MINUTE,
  reopenWindowMs: 30 * MINUTE,
  staleConfirmedMs: 12 * HOUR,
  openMinScore: 0.15,
  attachMinScore: 0.05,
  corroborateMinAuthors: 3,
  corroborateMinScore: 0.9,
  corroboratingTiers: ['staff', 'news'],
  watchTiers: ['public', 'unknown'],
  suspectMinAuthors: 2,
  echoMinTokens: 6,
  halfLifeMs: 60 * MINUTE,
  closedHalfLifeMs: 15 * MINUTE,
  explanationSize: 5,
  rankEpsilon: 0.05,
};

export function correlateConfig(overrides: Partial<CorrelateConfig> = {}): CorrelateConfig {
  return { ...DEFAULT_CORRELATE_CONFIG, ...overrides };
}
