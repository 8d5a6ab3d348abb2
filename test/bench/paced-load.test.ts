import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runPaced } from '../../bench/lib/paced-load';
import { fixedRateP99, type RoundMeasurement } from '../../bench/lib/bench-report';

describe('runPaced (the fixed-rate runs)', () => {
  let server: Server;
  let url: string;
  const arrivals: number[] = [];

  beforeAll(async () => {
    server = createServer((_req, res) => {
      arrivals.push(performance.now());
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends rate x seconds requests spread over the run, not in one burst', async () => {
    arrivals.length = 0;
    const out = await runPaced({ url, headers: {}, connections: 4, seconds: 0.5, rate: 200 });
    expect(out.latenciesMs.length).toBe(100);
    expect(out.statusCounts).toEqual({ '200': 100 });
    expect(out.errors + out.timeouts).toBe(0);
    // The 4 connection-opening requests come first; the paced ones then span about half a second
    // (autocannon's per-second quota would have sent all of them within a few milliseconds).
    const paced = arrivals.slice(4);
    expect(paced[paced.length - 1]! - paced[0]!).toBeGreaterThan(300);
  });
});

describe('fixedRateP99', () => {
  const round = (r: number, latenciesMs?: number[]): RoundMeasurement => ({
    round: r,
    reqPerSec: 1,
    p50Ms: 1,
    p99Ms: r,
    rssMiB: 1,
    fixed: { p99Ms: r * 10, reqPerSec: 1, ...(latenciesMs !== undefined ? { latenciesMs } : {}) },
  });

  it('pools every round latency before taking the percentile', () => {
    const fast = Array.from({ length: 100 }, () => 1);
    const slowTail = [...Array.from({ length: 97 }, () => 1), 50, 60, 70];
    // Per round the p99s are 1 and 60; pooled over 200 latencies, the 99th percentile is the third-slowest.
    expect(fixedRateP99([round(2, fast), round(3, slowTail)])).toBe(50);
  });

  it('falls back to the median of per-round p99s without latencies, and is undefined without fixed runs', () => {
    expect(fixedRateP99([round(2), round(3), round(4)])).toBe(30);
    expect(fixedRateP99([{ round: 1, reqPerSec: 1, p50Ms: 1, p99Ms: 1, rssMiB: 1 }])).toBeUndefined();
  });
});
