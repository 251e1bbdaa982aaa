import type { TrustTier } from '../../domain/incident.js';

/**
 * How much one post is believed before we know anything about its author, per trust tier.
 * These are the defaults of config/trust.yaml; a deployment may override them or add tiers.
 */
export const DEFAULT_TIER_WEIGHTS: Readonly<Record<string, number>> = {
  official: 1.0,
  'provider-account': 0.95,
  staff: 0.8,
  news: 0.7,
  'first-party': 0.6,
  community: 0.5,
  public: 0.35,
  unknown: 0.2,
};

/** A Beta(α, β) belief that a claim from this tier turns out to be true. */
export interface BetaPrior {
  alpha: number;
  beta: number;
}

/** An operator's pin for one author: move them to another tier, or fix their weight outright. */
export interface AuthorOverride {
  tier?: TrustTier;
  weight?: number;
}

export interface TrustConfig {
  /** Tier name → weight in [0, 1]. Missing tiers fall back to `unknown`. */
  tiers: Readonly<Record<string, number>>;
  /** authorKey(author) → override. */
  authors: Readonly<Record<string, AuthorOverride>>;
  /** Tier name → prior; tiers not listed use `defaultPrior`. */
  priors: Readonly<Record<string, BetaPrior>>;
  /**
   * Beta(2, 2): mean 0.5 and weak (worth four outcomes), so an author's first few confirmed
   * or faded claims move their weight noticeably, but one lucky post does not max it out.
   */
  defaultPrior: BetaPrior;
  /** Learned reputation multiplies the tier weight by a factor inside this band. */
  band: { min: number; max: number };
  /**
   * Cap on α + β. Past it both are scaled down (mean kept), so old outcomes weigh less and an
   * author who turns into a rumour mill loses trust in weeks, not years.
   */
  maxPseudoCounts: number;
}

export const DEFAULT_TRUST_CONFIG: TrustConfig = {
  tiers: DEFAULT_TIER_WEIGHTS,
  authors: {},
  priors: {},
  defaultPrior: { alpha: 2, beta: 2 },
  band: { min: 0.5, max: 1.5 },
  maxPseudoCounts: 100,
};

/** The author overrides as config/trust.yaml writes them. */
export interface AuthorOverrideEntry {
  author: string;
  tier?: string;
  weight?: number;
}

/** Builds a TrustConfig from config/trust.yaml's shape; unspecified parts keep the defaults. */
export function trustConfig(
  input: {
    tiers?: Readonly<Record<string, number>>;
    authors?: readonly AuthorOverrideEntry[];
    priors?: Readonly<Record<string, BetaPrior>>;
    defaultPrior?: BetaPrior;
    band?: { min: number; max: number };
    maxPseudoCounts?: number;
  } = {},
): TrustConfig {
  const authors: Record<string, AuthorOverride> = {};
  for (const a of input.authors ?? []) {
    authors[authorKey(a.author)] = { tier: a.tier, weight: a.weight };
  }
  return {
    tiers: { ...DEFAULT_TIER_WEIGHTS, ...(input.tiers ?? {}) },
    authors,
    priors: { ...(input.priors ?? {}) },
    defaultPrior: input.defaultPrior ?? DEFAULT_TRUST_CONFIG.defaultPrior,
    band: input.band ?? DEFAULT_TRUST_CONFIG.band,
    maxPseudoCounts: input.maxPseudoCounts ?? DEFAULT_TRUST_CONFIG.maxPseudoCounts,
  };
}

/** One spelling per author: "@AWSCloud", "awscloud " and "AWSCloud" are the same person. */
export function authorKey(author: string): string {
  return author.trim().replace(/^@/, '').toLowerCase();
}

export function tierWeight(tier: TrustTier, config: TrustConfig = DEFAULT_TRUST_CONFIG): number {
  const w = config.tiers[tier] ?? config.tiers.unknown ?? DEFAULT_TIER_WEIGHTS.unknown ?? 0;
  return clamp01(w);
}

export function priorFor(tier: TrustTier, config: TrustConfig = DEFAULT_TRUST_CONFIG): BetaPrior {
  return config.priors[tier] ?? config.defaultPrior;
}

export function clamp01(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.min(1, Math.max(0, x));
}
