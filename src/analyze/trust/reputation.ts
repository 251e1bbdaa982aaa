import type { Incident } from '../../domain/incident.js';
import { DEFAULT_TRUST_CONFIG, type BetaPrior, type TrustConfig } from './weights.js';

/**
 * Learned reputation of one author: a Beta(α, β) posterior over "a claim of theirs is true".
 * It starts at the prior of the author's tier; every incident they contributed to that ends
 * confirmed adds 1 to α, every one that fades with nothing official adds 1 to β.
 */
export interface Reputation {
  alpha: number;
  beta: number;
}

export type ClaimOutcome = 'confirmed' | 'faded';

export function initialReputation(prior: BetaPrior): Reputation {
  return { alpha: prior.alpha, beta: prior.beta };
}

/**
 * The Bayesian update for one outcome, bounded: when α + β passes the cap both are scaled so
 * their sum is the cap. The mean is unchanged by the scaling, but the belief stays soft enough
 * that new outcomes still move it (a plain Beta update would harden forever).
 */
export function updateReputation(rep: Reputation, outcome: ClaimOutcome, config: Pick<TrustConfig, 'maxPseudoCounts'> = DEFAULT_TRUST_CONFIG): Reputation {
  let alpha = rep.alpha + (outcome === 'confirmed' ? 1 : 0);
  let beta = rep.beta + (outcome === 'faded' ? 1 : 0);
  const total = alpha + beta;
  if (total > config.maxPseudoCounts) {
    const k = config.maxPseudoCounts / total;
    alpha *= k;
    beta *= k;
  }
  return { alpha, beta };
}

export function posteriorMean(rep: Reputation): number {
  const total = rep.alpha + rep.beta;
  return total > 0 ? rep.alpha / total : 0.5;
}

/**
 * How much the author's record scales their tier weight: posterior mean over prior mean,
 * clamped into the band. At the prior the factor is exactly 1 (a stranger is worth the tier
 * weight); a reliable author can earn up to band.max, a rumour mill drops to band.min but never
 * to zero, because being wrong about past outages does not make one wrong about this one.
 */
export function reputationMultiplier(rep: Reputation, prior: BetaPrior, band: { min: number; max: number }): number {
  const priorMean = posteriorMean(prior);
  if (priorMean <= 0) return band.max;
  const ratio = posteriorMean(rep) / priorMean;
  return Math.min(band.max, Math.max(band.min, ratio));
}

/**
 * What a closed incident says about the claims that made it: one the provider confirmed (it
 * ended resolved, or went quiet after confirmation) proves its contributors right; one that
 * faded with nothing official proves them wrong. Open incidents say nothing yet, so the caller
 * applies the outcome once, when the incident closes.
 */
export function claimOutcome(incident: Pick<Incident, 'status' | 'confirmed_at'>): ClaimOutcome | null {
  if (incident.status !== 'resolved' && incident.status !== 'faded') return null;
  return incident.confirmed_at !== null ? 'confirmed' : 'faded';
}
