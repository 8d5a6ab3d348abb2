/**
 * The Mann–Whitney U rank test (Wilcoxon rank-sum), two-sided, with the normal approximation, tie
 * correction and continuity correction. A rank test suits response times: it ignores the size of outliers
 * (a GC pause, a scheduler hiccup) and asks only whether one sample tends to be larger than the other.
 */
export interface RankTestResult {
  readonly nA: number;
  readonly nB: number;
  /** U of sample A: the number of pairs (a, b) with a > b, ties counting one half. */
  readonly uA: number;
  /** U of sample B; `uA + uB = nA × nB`. */
  readonly uB: number;
  /** Standard normal score of `uA`, corrected for ties and continuity; positive when A tends to be larger. */
  readonly z: number;
  /** Two-sided p-value: the chance of a difference at least this large if both samples came from one distribution. */
  readonly pValue: number;
  /** `uA / (nA × nB)`: P(a > b) + P(a = b) / 2; 0.5 when the samples cannot be told apart. */
  readonly probabilityAGreater: number;
}

export function mannWhitneyU(a: readonly number[], b: readonly number[]): RankTestResult {
  assertSample(a, 'a');
  assertSample(b, 'b');
  const nA = a.length;
  const nB = b.length;
  const n = nA + nB;
  const { ranks, tieTerm } = averageRanks([...a, ...b]);
  let rankSumA = 0;
  for (let i = 0; i < nA; i++) rankSumA += ranks[i] ?? 0;
  const uA = rankSumA - (nA * (nA + 1)) / 2;
  const uB = nA * nB - uA;
  const mean = (nA * nB) / 2;
  // Ties shrink the spread of U: sum of (t³ − t) over groups of t equal values.
  const variance = ((nA * nB) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  const deviation = uA - mean;
  const corrected = Math.max(0, Math.abs(deviation) - 0.5) * Math.sign(deviation);
  const z = variance > 0 ? corrected / Math.sqrt(variance) : 0;
  const pValue = Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
  return { nA, nB, uA, uB, z, pValue, probabilityAGreater: uA / (nA * nB) };
}

/** Ranks from 1, equal values sharing the mean of their ranks; also returns the tie term Σ(t³ − t). */
export function averageRanks(values: readonly number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((value, index) => ({ value, index })).sort((x, y) => x.value - y.value);
  const ranks = new Array<number>(values.length).fill(0);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end++;
    const shared = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]?.index ?? 0] = shared;
    const t = end - start + 1;
    tieTerm += t * t * t - t;
    start = end + 1;
  }
  return { ranks, tieTerm };
}

/** Standard normal cumulative distribution. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Complementary error function, by the Chebyshev-fitted exponential approximation (fractional error
 * below 1.2e-7 everywhere), which keeps its relative precision in the far tail where small p-values live.
 */
export function erfc(x: number): number {
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.5 * ax);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(-ax * ax + poly);
  return x >= 0 ? r : 2 - r;
}

function assertSample(sample: readonly number[], name: string): void {
  if (!Array.isArray(sample) || sample.length === 0 || sample.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError(`apiward: sample ${name} must be a non-empty array of finite numbers`);
  }
}
