import type { BenchArgs } from './bench-args';
import type { RoundMeasurement, VariantOutcome } from './bench-report';
import type { LoadDriverClient } from './load-driver-client';
import type { LoadResult } from './load-driver';
import { round } from './stats';
import { preflight, startVariant, type VariantServer } from './variant-process';
import { roundOrder, type VariantSpec } from './variants';
import { ITEM_PATH } from '../apps/variant-app';

export interface MeasureContext {
  readonly buildDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly driver: LoadDriverClient;
  readonly args: BenchArgs;
  /** Authorization headers per credential kind the harness mints (API keys come from the app). */
  readonly headersFor: (spec: VariantSpec) => Readonly<Record<string, string>>;
  readonly log: (line: string) => void;
}

export interface MeasureResult {
  readonly outcomes: VariantOutcome[];
  readonly fixedRate: number | null;
}

/**
 * Rounds 1..R; round r starts each variant in turn (one process at a time). From round 2 on, the freshly
 * started process first runs at the one fixed rate (half the slowest bare app's round-1 req/s): a paced
 * warm-up, then the measured paced run. Then, in every round, an autocannon warm-up, the saturating run,
 * and its RSS. The fixed-rate run comes first so that its p99 is latency at a steady moderate rate: right
 * after a saturating run the server is still paying off that run's garbage (the bare app's own fixed-rate
 * p99 moved 14-31 ms between rounds that way), and the figure measured the recovery, not the rate.
 * A variant whose round-1 maximum is below the fixed rate skips it (its fixed-rate p99 is null).
 */
export async function measureVariants(specs: readonly VariantSpec[], ctx: MeasureContext): Promise<MeasureResult> {
  const { args, log } = ctx;
  const rounds = new Map<string, RoundMeasurement[]>(specs.map((s) => [s.name, []]));
  const skipped = new Map<string, string>();
  let fixedRate: number | null = null;
  for (let r = 1; r <= args.rounds; r++) {
    for (const spec of roundOrder(specs, r - 1)) {
      if (skipped.has(spec.name)) continue;
      const started = await startVariant(ctx.buildDir, spec.name, ctx.env);
      if (started.kind === 'skip') {
        skipped.set(spec.name, started.reason);
        log(`[${r}/${args.rounds}] ${spec.name.padEnd(27)} SKIPPED: ${started.reason}`);
        continue;
      }
      try {
        // A variant whose round-1 maximum is below the fixed rate cannot run at it: its latency there is
        // only the length of a queue that grows until requests time out (the peers at this rate).
        const max = rounds.get(spec.name)![0]?.reqPerSec;
        const rate = fixedRate !== null && max !== undefined && max < fixedRate ? null : fixedRate;
        if (r === 2 && fixedRate !== null && rate === null) log(`${spec.name}: no fixed-rate runs (its round-1 maximum, ${Math.round(max ?? 0)} req/s, is below ${fixedRate} req/s)`);
        const m = await measureOne(spec, started.server, r, rate, ctx);
        rounds.get(spec.name)!.push(m);
        log(
          `[${r}/${args.rounds}] ${spec.name.padEnd(27)} ${String(Math.round(m.reqPerSec)).padStart(6)} req/s  p50 ${m.p50Ms.toFixed(2)} ms  p99 ${m.p99Ms.toFixed(2)} ms  rss ${m.rssMiB.toFixed(1)} MiB  cpu ${String(m.cpuUsPerReq ?? '?')} µs/req` +
            (m.fixed !== undefined ? `  fixed-rate p99 ${m.fixed.p99Ms.toFixed(2)} ms (${Math.round(m.fixed.reqPerSec)} req/s)` : ''),
        );
      } finally {
        await started.server.stop();
      }
    }
    if (r === 1) {
      const bare = specs.filter((s) => s.baseline === s.name).map((s) => rounds.get(s.name)![0]?.reqPerSec ?? Number.NaN);
      const slowest = Math.min(...bare);
      if (!Number.isFinite(slowest) || slowest <= 0) throw new Error('a bare app produced no round-1 figure: cannot set the fixed rate');
      fixedRate = Math.max(1, Math.round(slowest * args.fixedRateFraction));
      log(`fixed rate for rounds 2..${args.rounds}: ${fixedRate} req/s (${args.fixedRateFraction} x the slowest bare app in round 1)`);
    }
  }
  return {
    outcomes: specs.map((spec) => ({ spec, rounds: rounds.get(spec.name)!, ...(skipped.has(spec.name) ? { skipped: skipped.get(spec.name)! } : {}) })),
    fixedRate,
  };
}

async function measureOne(spec: VariantSpec, server: VariantServer, r: number, fixedRate: number | null, ctx: MeasureContext): Promise<RoundMeasurement> {
  const { args, driver } = ctx;
  const headers = server.headers ?? ctx.headersFor(spec);
  await preflight(server.port, ITEM_PATH, headers);
  const url = `http://127.0.0.1:${server.port}${ITEM_PATH}`;
  const base = { url, headers, connections: args.connections };
  let fixed: RoundMeasurement['fixed'];
  if (fixedRate !== null && r >= 2) {
    // On the fresh process, before any saturation (see the header): warmed at the rate itself, so the
    // measured run starts with the JIT and the heap already in their steady state for that rate.
    assertAll200(spec.name, 'fixed-rate warm-up', await driver.run({ ...base, seconds: args.warmupSeconds, fixedRate }));
    const f = assertAll200(spec.name, 'fixed-rate run', await driver.run({ ...base, seconds: args.fixedSeconds, fixedRate }));
    fixed = { p99Ms: f.p99Ms, reqPerSec: f.reqPerSec, ...(f.latenciesMs !== undefined ? { latenciesMs: f.latenciesMs } : {}) };
  }
  assertAll200(spec.name, 'warm-up', await driver.run({ ...base, seconds: args.warmupSeconds }));
  const cpuBefore = server.cpuMicros();
  const sat = assertAll200(spec.name, 'saturating run', await driver.run({ ...base, seconds: args.seconds }));
  const cpuUsPerReq = (server.cpuMicros() - cpuBefore) / sat.requests;
  const rssMiB = server.rssMiB();
  return { round: r, reqPerSec: sat.reqPerSec, p50Ms: sat.p50Ms, p99Ms: sat.p99Ms, rssMiB: round(rssMiB, 1), cpuUsPerReq: round(cpuUsPerReq, 1), ...(fixed !== undefined ? { fixed } : {}) };
}

/**
 * Every answer must be a 200: a 401 or a 429 is answered faster than the real route and would flatter the
 * variant. Anything else stops the whole run.
 */
function assertAll200(name: string, phase: string, r: LoadResult): LoadResult {
  const others = Object.entries(r.statusCounts).filter(([code]) => code !== '200');
  if (others.length > 0 || r.errors > 0 || r.timeouts > 0 || r.requests === 0) {
    throw new Error(
      `variant ${name}, ${phase}: not every answer was 200 — statuses ${JSON.stringify(r.statusCounts)}, ` +
        `${r.errors} errors, ${r.timeouts} timeouts, ${r.requests} responses. The figures would be meaningless; stopping.`,
    );
  }
  return r;
}
