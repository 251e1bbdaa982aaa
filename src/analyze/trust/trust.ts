import type { TrustTier } from '../../domain/incident.js';
import { reputationMultiplier, type Reputation } from './reputation.js';
import { authorKey, clamp01, DEFAULT_TRUST_CONFIG, priorFor, tierWeight, type TrustConfig } from './weights.js';

/**
 * How much one post from `author` in `tier` is believed, in [0, 1]:
 *
 *   pinned weight                                     when config pins the author's weight
 *   tierWeight(tier') × reputationMultiplier(rep)     otherwise, clamped to [0, 1]
 *
 * where tier' is the tier config moves the author to (else the source's tier), and the
 * multiplier is 1 for an author with no record yet (see reputation.ts for the band).
 */
export function trustFor(
  tier: TrustTier,
  author: string | null,
  reputation: Reputation | null | undefined,
  config: TrustConfig = DEFAULT_TRUST_CONFIG,
): number {
  const override = author ? config.authors[authorKey(author)] : undefined;
  if (override?.weight !== undefined) return clamp01(override.weight);
  const effectiveTier = override?.tier ?? tier;
  const base = tierWeight(effectiveTier, config);
  if (!reputation) return base;
  return clamp01(base * reputationMultiplier(reputation, priorFor(effectiveTier, config), config.band));
}
