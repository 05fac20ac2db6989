// Order statistics the benchmarks print: nearest-rank percentiles over a list of samples.

/** The `p`-th percentile (0–100) of `values`; NaN when there are none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

export const median = (values: number[]) => percentile(values, 50);
