/**
 * A raw HTTP/1.1 client on node:http for the e2e suites. Unlike fetch, it sends headers exactly as given,
 * in order and repeated (two `Authorization` headers), of any size (a 16 KiB header), and returns the raw
 * body bytes, so answers can be compared byte for byte across platforms.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

/** Header lines in sending order: `[['Authorization', 'Bearer a'], ['Authorization', 'Bearer b']]`. */
export type HeaderLines = readonly (readonly [string, string])[];

export interface RawRequest {
  readonly method?: string;
  /** Path and query, sent as is. */
  readonly path: string;
  readonly headers?: HeaderLines;
  readonly body?: string | Buffer;
}

export interface RawResponse {
  readonly status: number;
  /** Node's folded view (lower-case names). */
  readonly headers: IncomingHttpHeaders;
  /** Every header line as received (name, value, name, value, …). */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly text: string;
}

/** `http://127.0.0.1:<port>` of a listening server. */
export function baseUrlOf(server: Server): string {
  const address = server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/** Sends one request on a fresh connection and resolves with the full answer. */
export function send(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const lines: string[] = ['Host', `${hostname}:${port}`, 'Connection', 'close'];
  for (const [name, value] of req.headers ?? []) lines.push(name, value);
  if (req.body !== undefined) lines.push('Content-Length', String(Buffer.byteLength(req.body)));
  return new Promise<RawResponse>((resolve, reject) => {
    const outgoing = httpRequest({
      host: hostname,
      port: Number(port),
      method: req.method ?? 'GET',
      path: req.path,
      headers: lines,
      agent: false,
      setHost: false,
    });
    outgoing.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body, text: body.toString('utf8') });
      });
    });
    // A server refusing oversized headers may close while we are still writing; its answer, when one
    // arrived, has already resolved the promise and this rejection is then ignored.
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** Shorthand: GET `path` with the given header lines. */
export function get(baseUrl: string, path: string, headers: HeaderLines = []): Promise<RawResponse> {
  return send(baseUrl, { path, headers });
}

export const bearer = (token: string): HeaderLines => [['Authorization', `Bearer ${token}`]];
