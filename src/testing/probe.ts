import * as http from 'node:http';
import * as https from 'node:https';

/** One request of an indistinguishability check. */
export interface ProbeRequest {
  /** HTTP method. @default 'GET' */
  readonly method?: string;
  /** Path and query string, starting with `/` (`/api/users/lookup?email=a%40b.test`). */
  readonly path: string;
  /** Request headers. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Request body: a string or bytes are sent as is; anything else as JSON, with
   * `content-type: application/json` unless a content type is given. @default no body
   */
  readonly body?: unknown;
}

/** A response as received on the wire. */
export interface ProbeResponse {
  readonly status: number;
  /** Every header in the order received, names in lower case; a repeated header appears repeatedly. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  /** From sending the request to receiving the response's last byte, in milliseconds. */
  readonly durationMs: number;
}

export type ProbeAgent = http.Agent | https.Agent;

/**
 * One connection, kept alive, one request at a time: what a patient attacker does, and the quietest
 * measurement (no handshake per request adding noise to the times).
 */
export function createProbeAgent(baseUrl: URL): ProbeAgent {
  const options = { keepAlive: true, maxSockets: 1 };
  return baseUrl.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
}

function encodeBody(request: ProbeRequest, headers: Record<string, string>): Buffer | undefined {
  const { body } = request;
  if (body === undefined) return undefined;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  return Buffer.from(JSON.stringify(body), 'utf8');
}

export function sendProbe(baseUrl: URL, request: ProbeRequest, agent: ProbeAgent, timeoutMs: number): Promise<ProbeResponse> {
  const headers: Record<string, string> = { ...request.headers };
  const body = encodeBody(request, headers);
  if (body !== undefined) headers['content-length'] = String(body.length);
  const url = new URL(request.path, baseUrl);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<ProbeResponse>((resolve, reject) => {
    let started = 0n;
    const req = transport.request(url, { method: request.method ?? 'GET', headers, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
        const pairs: (readonly [string, string])[] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) pairs.push([(res.rawHeaders[i] ?? '').toLowerCase(), res.rawHeaders[i + 1] ?? '']);
        resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks), durationMs });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`apiward: ${request.method ?? 'GET'} ${request.path} took longer than ${timeoutMs} ms`)));
    req.on('error', reject);
    started = process.hrtime.bigint();
    req.end(body);
  });
}
