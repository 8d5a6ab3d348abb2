import { mannWhitneyU, type RankTestResult } from './mann-whitney';

/** What the rank test concluded about two interleaved series of response times. */
export interface TimingComparison {
  /** Times per series. */
  readonly samples: number;
  readonly medianAMs: number;
  readonly medianBMs: number;
  readonly test: RankTestResult;
  /** The significance level the p-value was held against. */
  readonly alpha: number;
  /** True when `test.pValue < alpha`: an observer can tell the two requests apart by time. */
  readonly distinguishable: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function compareTiming(aMs: readonly number[], bMs: readonly number[], alpha: number): TimingComparison {
  const test = mannWhitneyU(aMs, bMs);
  return { samples: Math.min(aMs.length, bMs.length), medianAMs: median(aMs), medianBMs: median(bMs), test, alpha, distinguishable: test.pValue < alpha };
}

/** One line for an assertion message or a script's output. */
export function formatTiming(t: TimingComparison, labels: readonly [string, string] = ['A', 'B']): string {
  const ms = (n: number): string => `${n.toFixed(3)} ms`;
  return (
    `median ${labels[0]} ${ms(t.medianAMs)}, ${labels[1]} ${ms(t.medianBMs)} over ${t.samples} pairs; ` +
    `Mann-Whitney U=${t.test.uA} z=${t.test.z.toFixed(2)} p=${t.test.pValue.toExponential(2)} ` +
    `P(${labels[0]} slower)=${t.test.probabilityAGreater.toFixed(3)} (alpha ${t.alpha})`
  );
}
