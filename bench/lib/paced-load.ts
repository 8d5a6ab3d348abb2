import { Agent, request } from 'node:http';

/** A fixed-rate run's raw outcome: one latency per response, and counts of what came back. */
export interface PacedOutcome {
  readonly latenciesMs: Float64Array;
  readonly elapsedS: number;
  readonly statusCounts: Readonly<Record<string, number>>;
  readonly errors: number;
  readonly timeouts: number;
}

export interface PacedLoad {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Keep-alive connections; requests due while all are busy wait for one (and that wait is latency). */
  readonly connections: number;
  readonly seconds: number;
  /** Requests per second, evenly spaced. */
  readonly rate: number;
}

const TIMEOUT_MS = 10_000;

function once(agent: Agent, target: URL, headers: Readonly<Record<string, string>>): Promise<void> {
  return new Promise((resolve) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'GET', headers: { ...headers }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', () => resolve());
    req.end();
  });
}

/**
 * Open-loop load at an even rate: request i is due at `i / rate` seconds and is sent then, whatever the
 * earlier ones are doing. This is what "a fixed rate of half the maximum" has to mean for a p99 figure.
 * autocannon's `overallRate` is a per-second quota instead (each connection sends its share back to back
 * as fast as the server answers, then pauses until the next second), so its "fixed-rate" p99 is the p99
 * of a half-second saturating burst and moves with throughput, not with latency at moderate load.
 *
 * Latency is measured from the moment the request is handed to the HTTP agent: time spent waiting for a
 * free connection (the server is behind) counts; the up-to-1-ms lateness of this process's own timer does
 * not (it is the generator's, the same for every variant, and would only blur the comparison).
 */
export async function runPaced(load: PacedLoad): Promise<PacedOutcome> {
  const agent = new Agent({ keepAlive: true, maxSockets: load.connections });
  const target = new URL(load.url);
  // Open every connection first (one request each, not measured): TCP handshakes are not the server's latency.
  await Promise.all(Array.from({ length: load.connections }, () => once(agent, target, load.headers)));
  const total = Math.max(1, Math.round(load.rate * load.seconds));
  const latencies = new Float64Array(total);
  const statusCounts: Record<string, number> = {};
  let sent = 0;
  let done = 0;
  let errors = 0;
  let timeouts = 0;
  const start = performance.now();
  return new Promise<PacedOutcome>((resolve) => {
    const finish = (): void => {
      agent.destroy();
      resolve({ latenciesMs: latencies.subarray(0, done), elapsedS: (performance.now() - start) / 1_000, statusCounts, errors, timeouts });
    };
    const settle = (): void => {
      if (sent === total && done + errors + timeouts === total) finish();
    };
    const fire = (): void => {
      const sentAt = performance.now();
      const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'GET', headers: { ...load.headers }, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies[done++] = performance.now() - sentAt;
          const code = String(res.statusCode ?? 0);
          statusCounts[code] = (statusCounts[code] ?? 0) + 1;
          settle();
        });
      });
      let timedOut = false;
      req.setTimeout(TIMEOUT_MS, () => {
        timedOut = true;
        req.destroy();
      });
      req.on('error', () => {
        if (timedOut) timeouts++;
        else errors++;
        settle();
      });
      req.end();
    };
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1_000) * load.rate) + 1);
      while (sent < due) {
        sent++;
        fire();
      }
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
}
