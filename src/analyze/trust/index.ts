export { trustFor } from './trust.js';
export { claimOutcome, initialReputation, posteriorMean, reputationMultiplier, updateReputation, type ClaimOutcome, type Reputation } from './reputation.js';
export {
  authorKey,
  DEFAULT_TIER_WEIGHTS,
  DEFAULT_TRUST_CONFIG,
  priorFor,
  tierWeight,
  trustConfig,
  type AuthorOverride,
  type AuthorOverrideEntry,
  type BetaPrior,
  type TrustConfig,
} from './weights.js';
