import type { Request } from 'express';
import type { RequestLike } from '../core/request-like';

const asRecord = (value: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

/**
 * Translates an Express 4 or 5 request into the core's `RequestLike`. The route template is not derived
 * from the request: see declared-route.ts.
 */
export function toRequestLike(req: Request): RequestLike {
  return {
    method: req.method.toUpperCase(),
    url: req.originalUrl,
    headers: req.headers,
    rawHeaders: req.rawHeaders,
    remoteAddress: req.socket?.remoteAddress,
    params: asRecord(req.params),
    query: asRecord(req.query),
    body: req.body as unknown,
  };
}
