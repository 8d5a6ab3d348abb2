import type { MachineInfo } from './machine-info';
import { median, percentileSorted, round } from './stats';
import type { VariantSpec } from './variants';

/** One variant measured in one round (its own freshly started process). */
export interface RoundMeasurement {
  readonly round: number;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rssMiB: number;
  /**
   * Server CPU time per request in the saturating run. Not in the JSON (its shape is fixed); the text
   * report shows it because it moves much less than req/s when other work shares the machine.
   */
  readonly cpuUsPerReq?: number;
  /** Rounds 2.. only: p99 and achieved req/s of the fixed-rate run, and its latencies (for pooling). */
  readonly fixed?: { readonly p99Ms: number; readonly reqPerSec: number; readonly latenciesMs?: readonly number[] };
}

export interface VariantOutcome {
  readonly spec: VariantSpec;
  readonly skipped?: string;
  readonly rounds: readonly RoundMeasurement[];
}

/** The documented JSON entry per variant. Numbers are null only for a skipped variant. */
export interface VariantReport {
  readonly name: string;
  readonly reqPerSec: number | null;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly rssMiB: number | null;
  readonly ratio: number | null;
  readonly fixedRateP99Ms: number | null;
  /** Present only when the variant could not run (a protection it needs has not landed). */
  readonly skipped?: string;
}

export interface MemoryReport {
  readonly name: string;
  readonly keys: number;
  readonly deltaMiB: number | null;
  readonly skipped?: string;
}

export interface BenchReport {
  readonly machine: MachineInfo;
  readonly versions: Readonly<Record<string, string>>;
  readonly variants: readonly VariantReport[];
  readonly memory: readonly MemoryReport[];
}

/**
 * Medians over rounds. The ratio is the median of per-round ratios to the same framework's bare app in
 * the same round, never a ratio of medians: on a shared machine a slow round slows every variant in it.
 */
export function summarizeVariants(outcomes: readonly VariantOutcome[]): VariantReport[] {
  const byName = new Map(outcomes.map((o) => [o.spec.name, o]));
  return outcomes.map((o) => {
    if (o.skipped !== undefined || o.rounds.length === 0) {
      return { name: o.spec.name, reqPerSec: null, p50Ms: null, p99Ms: null, rssMiB: null, ratio: null, fixedRateP99Ms: null, skipped: o.skipped ?? 'not measured' };
    }
    const baseline = byName.get(o.spec.baseline);
    const ratios: number[] = [];
    for (const m of o.rounds) {
      const b = baseline?.rounds.find((r) => r.round === m.round);
      if (b !== undefined && b.reqPerSec > 0) ratios.push(m.reqPerSec / b.reqPerSec);
    }
    const fixedP99 = fixedRateP99(o.rounds);
    return {
      name: o.spec.name,
      reqPerSec: Math.round(median(o.rounds.map((m) => m.reqPerSec))),
      p50Ms: round(median(o.rounds.map((m) => m.p50Ms)), 3),
      p99Ms: round(median(o.rounds.map((m) => m.p99Ms)), 3),
      rssMiB: round(median(o.rounds.map((m) => m.rssMiB)), 1),
      ratio: ratios.length === 0 ? null : round(median(ratios), 3),
      fixedRateP99Ms: fixedP99 === undefined ? null : round(fixedP99, 3),
    };
  });
}

/**
 * The fixed-rate p99 of a variant: the 99th percentile of all its fixed-rate latencies pooled over the
 * rounds. A tail percentile of one short run rests on a few dozen slowest requests, which a single stall
 * of this shared machine decides; pooled, it rests on a few hundred. Rounds without latencies (older
 * results) fall back to the median of the rounds' p99s.
 */
export function fixedRateP99(rounds: readonly RoundMeasurement[]): number | undefined {
  const fixed = rounds.flatMap((m) => (m.fixed !== undefined ? [m.fixed] : []));
  if (fixed.length === 0) return undefined;
  if (fixed.some((f) => f.latenciesMs === undefined || f.latenciesMs.length === 0)) return median(fixed.map((f) => f.p99Ms));
  const pooled = Float64Array.from(fixed.flatMap((f) => f.latenciesMs ?? [])).sort();
  return percentileSorted(pooled, 99);
}

/** Median server CPU µs per request (text report only). */
export function cpuPerRequest(outcome: VariantOutcome): number | null {
  const cpu = outcome.rounds.flatMap((m) => (m.cpuUsPerReq !== undefined ? [m.cpuUsPerReq] : []));
  return cpu.length === 0 ? null : round(median(cpu), 1);
}

/** Median achieved req/s of each variant's fixed-rate runs (for the text report: did it keep up?). */
export function fixedRateAchieved(outcome: VariantOutcome): number | null {
  const achieved = outcome.rounds.flatMap((m) => (m.fixed !== undefined ? [m.fixed.reqPerSec] : []));
  return achieved.length === 0 ? null : Math.round(median(achieved));
}

export function buildReport(
  machine: MachineInfo,
  versions: Readonly<Record<string, string>>,
  outcomes: readonly VariantOutcome[],
  memory: readonly MemoryReport[],
): BenchReport {
  return { machine, versions, variants: summarizeVariants(outcomes), memory };
}
