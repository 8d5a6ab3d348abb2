import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
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

/** Starts a server on 127.0.0.1 for one test, and returns its URL and a closer. */
async function listen(server: Server | TcpServer): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function withHttp<T>(handler: RequestListener, body: (url: string) => Promise<T>): Promise<T> {
  const { url, close } = await listen(createServer(handler));
  try {
    return await body(url);
  } finally {
    await close();
  }
}

describe('runPaced when the server misbehaves (the run must end, and say what happened)', () => {
  it('counts every status code, not only 200', async () => {
    let n = 0;
    const out = await withHttp(
      (_req, res) => {
        n++;
        // The 4 priming requests are answered 200 and not counted; then 200, 404, 429 in turn.
        res.statusCode = n <= 4 ? 200 : [200, 404, 429][(n - 5) % 3]!;
        res.end('{}');
      },
      (url) => runPaced({ url, headers: {}, connections: 4, seconds: 0.3, rate: 100 }),
    );
    expect(out.statusCounts).toEqual({ '200': 10, '404': 10, '429': 10 });
    expect(out.latenciesMs.length).toBe(30);
    expect(out.errors + out.timeouts).toBe(0);
  });

  it('counts requests as errors when the server destroys every socket mid-run, and finishes', async () => {
    let n = 0;
    const out = await withHttp(
      (req, res) => {
        if (++n > 20) req.socket.destroy();
        else res.end('{}');
      },
      (url) => runPaced({ url, headers: {}, connections: 4, seconds: 1, rate: 200 }),
    );
    // 16 measured answers (20 minus the 4 priming ones); every other request is an error, none is lost.
    expect(out.latenciesMs.length).toBe(16);
    expect(out.errors).toBe(200 - 16);
    expect(out.timeouts).toBe(0);
    // Once the last connection is gone the unsent requests are errors at once, not at their due time.
    expect(out.elapsedS).toBeLessThan(0.5);
  }, 10_000);

  it('loses only the request in flight when one connection dies, and carries on with the others', async () => {
    let n = 0;
    const out = await withHttp(
      (req, res) => {
        if (++n === 10) req.socket.destroy();
        else res.end('{}');
      },
      (url) => runPaced({ url, headers: {}, connections: 4, seconds: 0.5, rate: 100 }),
    );
    expect(out).toMatchObject({ errors: 1, timeouts: 0, statusCounts: { '200': 49 } });
  }, 10_000);

  it('does not count a connection the server closes while it is idle', async () => {
    let n = 0;
    const out = await withHttp(
      (_req, res) => {
        // Connection: close on one answer: the server ends that socket once the answer is out.
        if (++n === 10) res.setHeader('Connection', 'close');
        res.end('{}');
      },
      (url) => runPaced({ url, headers: {}, connections: 4, seconds: 0.5, rate: 100 }),
    );
    expect(out).toMatchObject({ errors: 0, timeouts: 0, statusCounts: { '200': 50 } });
  }, 10_000);

  it('drops a connection that answers what was never asked (its framing is lost), and finishes', async () => {
    const answer = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}', 'latin1');
    let n = 0;
    const server = createTcpServer((socket) => {
      socket.on('data', () => {
        // Request 10 gets two answers: the second arrives on a connection with nothing in flight.
        socket.write(++n === 10 ? Buffer.concat([answer, answer]) : answer);
      });
    });
    const { url, close } = await listen(server);
    try {
      // Several requests due per timer tick: a connection listed twice as idle would get two at once,
      // and the run would wait forever for an answer already taken by the other.
      const out = await runPaced({ url, headers: {}, connections: 4, seconds: 0.3, rate: 2_000 });
      expect(out.latenciesMs.length + out.errors + out.timeouts).toBe(600);
      expect(out.errors + out.timeouts).toBe(0);
    } finally {
      await close();
    }
  }, 10_000);

  it('rejects when nothing listens, and when every connection closes before the run starts', async () => {
    const gone = await listen(createServer());
    await gone.close();
    await expect(runPaced({ url: gone.url, headers: {}, connections: 2, seconds: 0.2, rate: 50 })).rejects.toThrow(/ECONNREFUSED/);
    await expect(
      withHttp(
        (req) => req.socket.destroy(),
        (url) => runPaced({ url, headers: {}, connections: 2, seconds: 0.2, rate: 50 }),
      ),
    ).rejects.toThrow(/closed before the run/);
  }, 10_000);
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
