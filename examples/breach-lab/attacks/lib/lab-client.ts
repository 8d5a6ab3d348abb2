import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** One answer, with everything an attacker can observe: status, headers, bytes and time. */
export interface LabResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** From the first byte sent to the last byte received, as the attacker measures it. */
  readonly elapsedMs: number;
}

export interface LabRequest {
  readonly method?: string;
  readonly path: string;
  readonly token?: string;
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface LabClientOptions {
  /**
   * Source address on the loopback network (127.0.0.x): each attack comes from its own address, as real
   * attackers do, so one attack's budget is not another's.
   */
  readonly localAddress?: string;
  readonly maxSockets?: number;
  readonly timeoutMs?: number;
}

/**
 * A plain HTTP client to the lab on 127.0.0.1 that counts what it sends. A request that fails at the
 * transport level counts as status 0 (never thrown), so an attack always finishes with a result.
 */
export class LabClient {
  requestsSent = 0;
  readonly statuses = new Map<number, number>();
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(
    readonly base: string,
    private readonly options: LabClientOptions = {},
  ) {
    this.url = new URL(base);
    if (this.url.hostname !== '127.0.0.1' && this.url.hostname !== 'localhost') {
      throw new TypeError(`the breach lab attacks only talk to 127.0.0.1, not ${this.url.hostname}`);
    }
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 8 });
  }

  send(req: LabRequest): Promise<LabResponse> {
    const body = req.json === undefined ? undefined : Buffer.from(JSON.stringify(req.json));
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.token !== undefined) headers.authorization = `Bearer ${req.token}`;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(body.length);
    }
    this.requestsSent += 1;
    return new Promise((resolve) => {
      const started = process.hrtime.bigint();
      const done = (status: number, responseHeaders: IncomingHttpHeaders, bytes: Buffer): void => {
        this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
        resolve({ status, headers: responseHeaders, body: bytes, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6 });
      };
      const outgoing = httpRequest(
        {
          host: '127.0.0.1',
          port: this.url.port,
          method: req.method ?? 'GET',
          path: req.path,
          headers,
          agent: this.agent,
          ...(this.options.localAddress !== undefined ? { localAddress: this.options.localAddress } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(res.statusCode ?? 0, res.headers, Buffer.concat(chunks)));
          res.on('error', () => done(0, {}, Buffer.alloc(0)));
        },
      );
      outgoing.setTimeout(this.options.timeoutMs ?? 15_000, () => outgoing.destroy(new Error('timeout')));
      outgoing.on('error', () => done(0, {}, Buffer.alloc(0)));
      outgoing.end(body);
    });
  }

  /** GET and parse JSON (for the lab's own instrumentation routes). */
  async getJson(path: string): Promise<unknown> {
    const res = await this.send({ path });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    return JSON.parse(res.body.toString('utf8')) as unknown;
  }

  statusSummary(): Record<string, number> {
    return Object.fromEntries([...this.statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => [String(status), count]));
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Parses a JSON body as an object, or undefined. */
export function jsonObject(res: LabResponse): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(res.body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
