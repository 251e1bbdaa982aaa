/**
 * One benchmark result, as `bench --json` prints it (docs/contracts/cli.md, `bench`).
 *
 * `ratio` is `value / baseline` and `met` compares it with `target` in the stated direction.
 * A target that is absolute (a quality score, a memory ceiling, a latency bound) has `baseline`,
 * `baseline_name` and `ratio` null, and `met` compares `value` with `target`.
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline_name: string | null;
  baseline: number | null;
  ratio: number | null;
  target: number;
  higher_is_better: boolean;
  met: boolean;
}

/** Fills in `ratio` and `met` from the measured numbers. */
export function benchResult(r: Omit<BenchResult, 'ratio' | 'met'>): BenchResult {
  const ratio = r.baseline === null ? null : r.baseline === 0 ? null : r.value / r.baseline;
  const compared = ratio ?? r.value;
  const met = r.higher_is_better ? compared >= r.target : compared <= r.target;
  return {
    name: r.name,
    value: r.value,
    unit: r.unit,
    baseline_name: r.baseline_name,
    baseline: r.baseline,
    ratio: ratio === null ? null : Math.round(ratio * 1000) / 1000,
    target: r.target,
    higher_is_better: r.higher_is_better,
    met,
  };
}
