/** Result of a two-sided Mann-Whitney U test between two samples of response times. */
export interface RankTestResult {
  /** P(a random sample of `a` is slower than one of `b`); 0.5 means not separable. */
  readonly auc: number;
  /** Two-sided p-value (normal approximation with tie correction). */
  readonly pValue: number;
  readonly n: readonly [number, number];
}

/**
 * Mann-Whitney U: does one group of timings tend to be larger than the other? It uses ranks, so a few
 * outliers (a GC pause) do not decide it, and averaging many samples is exactly what it is good at, which
 * is why random jitter is no defence and a fixed deadline is.
 */
export function mannWhitney(a: readonly number[], b: readonly number[]): RankTestResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return { auc: 0.5, pValue: 1, n: [n1, n2] };
  const all = [...a.map((value) => ({ value, group: 0 })), ...b.map((value) => ({ value, group: 1 }))].sort((x, y) => x.value - y.value);
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]?.value === all[i]?.value) j += 1;
    const rank = (i + j) / 2 + 1;
    const ties = j - i + 1;
    tieTerm += ties ** 3 - ties;
    for (let k = i; k <= j; k += 1) if (all[k]?.group === 0) rankSumA += rank;
    i = j + 1;
  }
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const z = variance > 0 ? (Math.abs(u - mean) - 0.5) / Math.sqrt(variance) : 0;
  return { auc: u / (n1 * n2), pValue: Math.min(1, erfc(Math.max(0, z) / Math.SQRT2)), n: [n1, n2] };
}

/** erfc(x) for x >= 0, Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7): enough for a p-value. */
function erfc(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-x * x);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
