// Seeded randomness. Every made-up detail (accounts, post times within a phase, milliseconds,
// engagement counts) comes from these functions, so a second run writes byte-identical files.

/** mulberry32: a small seeded PRNG, [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const pick = (rnd, xs) => xs[Math.floor(rnd() * xs.length)];
export const int = (rnd, lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
/** Roughly normal, mean 0, sd 1 (sum of uniforms). */
const normal = (rnd) => rnd() + rnd() + rnd() + rnd() + rnd() + rnd() - 3;
export const lognormal = (rnd, median, spread) => Math.max(0, Math.round(median * Math.exp(normal(rnd) * spread)));

/** Spreads `n` times over [from, to) in increasing order, with some jitter (seconds + ms). */
export function spread(rnd, n, from, to) {
  const xs = Array.from({ length: n }, () => from + rnd() * (to - from));
  return xs.sort((a, b) => a - b).map((x) => Math.floor(x));
}
