// Summaries of raw samples: nearest-rank percentiles, so p95 of 50 samples is a sample
// that was actually measured, not an interpolation between two.

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** `{count, min, p50, p95, max, mean}` of numbers (milliseconds, bytes, ...). */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((s, x) => s + x, 0) / sorted.length : null;
  return {
    count: sorted.length,
    min: sorted[0] ?? null,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted.at(-1) ?? null,
    mean,
  };
}

/** a / b, or null when either side is missing (so a table shows "n/a", not NaN). */
export function ratio(a, b) {
  return a == null || b == null || b === 0 ? null : a / b;
}
