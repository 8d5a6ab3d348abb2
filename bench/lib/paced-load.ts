import { connect, type Socket } from 'node:net';
import { ResponseReader } from './response-reader';

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

/** One keep-alive connection with at most one request in flight (no pipelining: a client's normal use). */
interface Connection {
  readonly socket: Socket;
  readonly reader: ResponseReader;
  /** When the request in flight became due to this generator (`performance.now()`), or -1 when idle. */
  sentAt: number;
  /** Closed, failed, or the run is over: nothing it sends or receives counts any more. */
  dead: boolean;
}

/**
 * Open-loop load at an even rate: request i is due at `i / rate` seconds and is sent then, whatever the
 * earlier ones are doing. This is what "a fixed rate of half the maximum" has to mean for a p99 figure.
 * autocannon's `overallRate` is a per-second quota instead (each connection sends its share back to back
 * as fast as the server answers, then pauses until the next second), so its "fixed-rate" p99 is the p99
 * of a half-second saturating burst and moves with throughput, not with latency at moderate load.
 *
 * The generator writes one pre-built request per send on raw keep-alive sockets and reads responses by
 * their `Content-Length`: Node's HTTP client costs this process several times more CPU per request, and
 * at a few thousand requests a second on a 2-core machine the generator itself became the queue being
 * measured. Latency runs from the moment a request is due here: time spent waiting for a free
 * connection (the server is behind) counts; the up-to-1-ms lateness of this process's own timer does not
 * (it is the generator's, the same for every variant, and would only blur the comparison).
 *
 * The run always ends: a request whose connection dies is an error, one unanswered for 10 s a timeout,
 * and once every connection is gone the requests not yet sent are errors too. Before the first
 * connection is primed it rejects instead (there is nothing to measure).
 */
export async function runPaced(load: PacedLoad): Promise<PacedOutcome> {
  const target = new URL(load.url);
  const requestBytes = buildRequest(target, load.headers);
  const total = Math.max(1, Math.round(load.rate * load.seconds));
  const latencies = new Float64Array(total);
  const statusCounts: Record<string, number> = {};
  const waiting: number[] = [];
  const idle: Connection[] = [];
  const all: Connection[] = [];
  let measuring = false;
  let sent = 0;
  let done = 0;
  let errors = 0;
  let timeouts = 0;
  let start = 0;
  let primed: (() => void) | undefined;
  let finish: () => void = () => undefined;

  /** After every answer or lost connection: is the priming, or the run, complete? */
  const progress = (): void => {
    if (measuring) {
      if (sent === total && done + errors + timeouts === total) finish();
    } else if (primed !== undefined && all.every((c) => c.dead || c.sentAt < 0)) primed();
  };
  const send = (conn: Connection, dueAt: number): void => {
    conn.sentAt = dueAt;
    conn.socket.write(requestBytes);
  };
  const release = (conn: Connection): void => {
    conn.sentAt = -1;
    const next = waiting.shift();
    if (next !== undefined) send(conn, next);
    else idle.push(conn);
  };
  const fail = (conn: Connection, timedOut: boolean): void => {
    if (conn.dead) return;
    conn.dead = true;
    if (conn.sentAt >= 0 && measuring) {
      if (timedOut) timeouts++;
      else errors++;
    }
    conn.sentAt = -1;
    conn.socket.destroy();
    const at = idle.indexOf(conn);
    if (at >= 0) idle.splice(at, 1);
    if (measuring && all.every((c) => c.dead)) {
      // Nobody left to send the rest: they are errors too, so the run ends and says so.
      errors += waiting.length + (total - sent);
      waiting.length = 0;
      sent = total;
    }
    progress();
  };
  const onData = (conn: Connection, chunk: Buffer): void => {
    if (conn.dead) return; // after the run or after a failure: counts for nothing
    let status = conn.reader.push(chunk);
    while (status !== undefined) {
      // Unreadable, or an answer to nothing we asked: this connection's framing is lost.
      if (status < 0 || conn.sentAt < 0) return fail(conn, false);
      if (measuring) {
        latencies[done++] = performance.now() - conn.sentAt;
        const code = String(status);
        statusCounts[code] = (statusCounts[code] ?? 0) + 1;
      }
      release(conn);
      progress();
      if (conn.dead) return;
      status = conn.reader.next();
    }
  };

  // Also guards the priming: a server that never answers must not hang the bench.
  const watchdog = setInterval(() => {
    const now = performance.now();
    for (const conn of all) if (!conn.dead && conn.sentAt >= 0 && now - conn.sentAt > TIMEOUT_MS) fail(conn, true);
  }, 250);
  const endAll = (): void => {
    clearInterval(watchdog);
    measuring = false;
    for (const conn of all) {
      conn.dead = true;
      conn.socket.destroy();
    }
  };

  try {
    await Promise.all(
      Array.from({ length: load.connections }, () => {
        const socket = connect({ host: target.hostname, port: Number(target.port), noDelay: true });
        const conn: Connection = { socket, reader: new ResponseReader(), sentAt: -1, dead: false };
        all.push(conn);
        socket.on('data', (chunk: Buffer) => onData(conn, chunk));
        socket.on('error', () => fail(conn, false));
        socket.on('close', () => fail(conn, false));
        return new Promise<void>((resolve, reject) => {
          socket.once('connect', resolve);
          socket.once('error', reject);
          socket.once('close', () => reject(new Error(`paced load: cannot connect to ${target.host}`)));
        });
      }),
    );
    // One unmeasured request per connection first: the server's first answer on a socket is not its latency.
    await new Promise<void>((resolve) => {
      primed = resolve;
      for (const conn of all) send(conn, performance.now());
    });
    primed = undefined;
    if (all.every((c) => c.dead)) throw new Error(`paced load: every connection to ${target.host} closed before the run`);
  } catch (err) {
    endAll();
    throw err;
  }

  start = performance.now();
  measuring = true;
  return new Promise<PacedOutcome>((resolve) => {
    finish = (): void => {
      endAll();
      resolve({ latenciesMs: latencies.subarray(0, done), elapsedS: (performance.now() - start) / 1_000, statusCounts, errors, timeouts });
    };
    const tick = (): void => {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - start) / 1_000) * load.rate) + 1);
      while (sent < due) {
        sent++;
        // Oldest idle first, so every connection stays in use: one left idle longer than the server's
        // keep-alive timeout (Node's default is 5 s) would be closed under a request racing the close.
        const conn = idle.shift();
        if (conn !== undefined) send(conn, now);
        else waiting.push(now);
      }
      if (sent < total) setTimeout(tick, 1);
      else progress();
    };
    tick();
  });
}

/** The request every send writes: built once, so a send is one socket write. */
function buildRequest(target: URL, headers: Readonly<Record<string, string>>): Buffer {
  let head = `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: keep-alive\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  return Buffer.from(`${head}\r\n`, 'latin1');
}
