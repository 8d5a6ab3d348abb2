import type { RoundMeasurement } from '../../bench/lib/bench-report';
import { VARIANTS, type VariantSpec } from '../../bench/lib/variants';

/** A bench variant by its fixed name. */
export const benchSpec = (name: string): VariantSpec => VARIANTS.find((v) => v.name === name)!;

/** One round's measurement with fixed latency and memory figures: the tests vary req/s and the fixed-rate p99. */
export const roundOf = (round: number, reqPerSec: number, fixedP99?: number): RoundMeasurement => ({
  round,
  reqPerSec,
  p50Ms: 1,
  p99Ms: 2,
  rssMiB: 50,
  ...(fixedP99 !== undefined ? { fixed: { p99Ms: fixedP99, reqPerSec: 100 } } : {}),
});
