import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { UniformAnswer } from './uniform-answer';

/** Headers present on the response before the handler ran, by lower-case name. */
export type HeaderSnapshot = ReadonlyMap<string, number | string | readonly string[]>;

/**
 * Never carried over from before the handler, even when middleware set them: framing headers are
 * recomputed from the configured bytes, validators and cookies may be set per branch, and `x-powered-by`
 * is a free fingerprint of the stack (Express sets it on every response).
 */
const NEVER_KEPT: ReadonlySet<string> = new Set([
  'content-length',
  'content-type',
  'content-encoding',
  'content-range',
  'transfer-encoding',
  'etag',
  'last-modified',
  'set-cookie',
  'x-powered-by',
]);

/** Node's `ServerResponse`, or a Fastify reply (whose `getHeaders()` includes headers not yet on `reply.raw`). */
export interface HeaderSource {
  getHeaders(): Readonly<Record<string, number | string | readonly string[] | undefined>>;
}

/**
 * Records the headers set before the handler runs (CORS, security headers from middleware). They were
 * decided before any lookup, so they are the same for every branch and may stay; anything the handler
 * adds or changes afterwards is dropped.
 */
export function snapshotHeaders(source: HeaderSource): HeaderSnapshot {
  const snapshot = new Map<string, number | string | readonly string[]>();
  for (const [name, value] of Object.entries(source.getHeaders())) {
    const lower = name.toLowerCase();
    if (value !== undefined && !NEVER_KEPT.has(lower)) snapshot.set(lower, Array.isArray(value) ? Object.freeze([...(value as readonly string[])]) : value);
  }
  return snapshot;
}

/**
 * Writes the uniform answer on Node's own response, bypassing the framework's send path (Express adds an
 * ETag and a charset, Fastify its own content handling): every header the handler set is removed, the
 * pre-handler snapshot is restored, then the configured headers and bytes are written. Returns false and
 * writes nothing when the handler already wrote to the response itself (Nest's `@Res()` without
 * passthrough): that answer is the handler's own and cannot be made uniform after the fact.
 */
export function writeUniformAnswer(res: ServerResponse, answer: UniformAnswer, keep: HeaderSnapshot = new Map()): boolean {
  if (res.headersSent || res.writableEnded) return false;
  for (const name of res.getHeaderNames()) res.removeHeader(name);
  for (const [name, value] of keep) res.setHeader(name, value);
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.writeHead(answer.status, STATUS_CODES[answer.status] ?? 'Unknown');
  res.end(answer.body);
  return true;
}
