import type { IncidentState } from '../domain/incident.js';

/**
 * Confidence bands per status. The status says what kind of proof we have; the evidence only
 * moves confidence inside the band. So twenty strangers (noisy-OR near 1) make a corroborated
 * incident 0.85, never as sure as one word from the provider, and a lone post stays ≤ 0.5.
 * Resolved incidents were confirmed by the page that resolved them, so they keep the top band.
 */
const BANDS: Record<IncidentState, readonly [number, number]> = {
  watching: [0.05, 0.25],
  suspected: [0.1, 0.5],
  corroborated: [0.5, 0.85],
  confirmed: [0.9, 1.0],
  resolved: [0.9, 1.0],
  faded: [0.1, 0.5],
};

/** lo + (hi − lo) × noisyOr, where noisyOr ∈ [0, 1] comes from the counted evidence. */
export function confidenceFor(status: IncidentState, noisyOr: number): number {
  const [lo, hi] = BANDS[status];
  const x = Math.min(1, Math.max(0, noisyOr));
  return round4(lo + (hi - lo) * x);
}

export function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
