import autocannon from 'autocannon';
import { runPaced } from './paced-load';
import { percentileSorted } from './stats';

/**
 * The load generator, run as its own process (`node load-driver.js`, IPC channel) so it never shares an
 * event loop with the harness or a server. One long-lived driver runs every measurement of a bench run:
 * starting autocannon afresh each time would add a second of noise per measurement.
 *
 * Latency percentiles come from every response's own duration (sub-millisecond), not from autocannon's
 * integer-millisecond histogram: the targets compare p99s that differ by fractions of a millisecond.
 */
export interface LoadCommand {
  readonly id: number;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly seconds: number;
  /**
   * Requests per second over all connections, evenly paced (paced-load.ts, not autocannon); undefined
   * saturates (autocannon).
   */
  readonly fixedRate?: number;
}

export interface LoadResult {
  readonly id: number;
  readonly requests: number;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Response count per status code: the harness refuses anything but 200. */
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly timeouts: number;
  /** Fixed-rate runs only: every latency, so the harness can pool a variant's rounds for one p99. */
  readonly latenciesMs?: readonly number[];
}

async function runLoad(cmd: LoadCommand): Promise<LoadResult> {
  if (cmd.fixedRate !== undefined) return runFixedRate(cmd, cmd.fixedRate);
  let latencies = new Float64Array(1 << 16);
  let n = 0;
  const instance = autocannon({
    url: cmd.url,
    connections: cmd.connections,
    duration: cmd.seconds,
    headers: { ...cmd.headers },
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
    if (n === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[n++] = responseTimeMs;
  });
  const result = await instance;
  const sorted = latencies.subarray(0, n).sort();
  const statusCounts: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCounts[code] = stat.count;
  return {
    id: cmd.id,
    requests: n,
    reqPerSec: result.duration > 0 ? n / result.duration : 0,
    p50Ms: percentileSorted(sorted, 50),
    p99Ms: percentileSorted(sorted, 99),
    statusCounts,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const SETTLE_MS = 300;

/** The fixed-rate run: evenly paced, open loop (see paced-load.ts for why not autocannon's `overallRate`). */
async function runFixedRate(cmd: LoadCommand, rate: number): Promise<LoadResult> {
  // The previous variant's saturating run (and any run before this one) leaves this process garbage: a
  // major collection of it in the middle of the paced run would stall the generator and charge tens of
  // milliseconds to whichever variant is being measured. Collect now, and let the collection's own
  // concurrent work finish before pacing starts (on 2 cores it would compete with the server).
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const out = await runPaced({ url: cmd.url, headers: cmd.headers, connections: cmd.connections, seconds: cmd.seconds, rate });
  const sorted = out.latenciesMs.sort();
  return {
    id: cmd.id,
    requests: sorted.length,
    reqPerSec: out.elapsedS > 0 ? sorted.length / out.elapsedS : 0,
    p50Ms: percentileSorted(sorted, 50),
    p99Ms: percentileSorted(sorted, 99),
    statusCounts: out.statusCounts,
    errors: out.errors,
    timeouts: out.timeouts,
    latenciesMs: Array.from(sorted),
  };
}

if (require.main === module) {
  if (process.send === undefined) throw new Error('load-driver must be started with an IPC channel');
  const send = process.send.bind(process);
  process.on('message', (cmd: LoadCommand) => {
    runLoad(cmd).then(
      (result) => send({ type: 'result', result }),
      (err: unknown) => send({ type: 'error', id: cmd.id, message: err instanceof Error ? err.message : String(err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
