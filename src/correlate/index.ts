/** The correlator: pure domain logic turning signals into incidents. No I/O; time is passed in. */
export { applySignal, correlateSignal, type ApplyOptions, type SignalOutcome } from './apply.js';
export {
  advanceTo,
  burstAt,
  DEFAULT_BURST_CONFIG,
  emptyBurstState,
  hourOfWeek,
  recordComplaint,
  thresholdFor,
  type BurstConfig,
  type BurstReading,
  type BurstState,
} from './burst.js';
export { confidenceFor } from './confidence.js';
export { correlateConfig, DEFAULT_CORRELATE_CONFIG, type CorrelateConfig } from './config.js';
export { countEvidence, type CountedEvidence } from './evidence.js';
export { atLeast, isOpen, nextStatus, statusAfterSilence, type LifecycleFacts } from './lifecycle.js';
export { matchIncident, alsoJoinable } from './match.js';
export { customerNotice, timelineMarkdown } from './notice.js';
export { freshness, impactFactor, rankOf, SEVERITY_WEIGHT, type ImpactCount, type ImpactLookup } from './rank.js';
export { severityOf } from './severity.js';
export { isEvidence, isMaintenance, roleOf, type EvidenceSignal, type SignalRole } from './signal-role.js';
export { sweep, sweepChanges, type SweepChange, type SweepOptions } from './sweep.js';
export { describeChange, formatDuration, type TimelineEvent } from './timeline.js';
export { incidentTitle } from './title.js';
export { withdrawnItemPosts, WITHDRAWN, type WithdrawalInput } from './withdrawn.js';
export { asEvidenceFor, OTHER_PROVIDERS_VOICE } from './own-voice.js';
