import type { Request } from 'express';
import type { RequestLike, RouteRef } from '../core/request-like';

const asRecord = (value: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

/**
 * Translates an Express 4 or 5 request into the core's `RequestLike`, and its route template: the mount
 * path (`req.baseUrl`) plus the path the route was declared with — never the raw URL, which carries ids.
 */
export function toRequestLike(req: Request): { readonly req: RequestLike; readonly route: RouteRef } {
  const method = req.method.toUpperCase();
  const template: unknown = (req.route as { path?: unknown } | undefined)?.path;
  return {
    req: {
      method,
      url: req.originalUrl,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      remoteAddress: req.socket?.remoteAddress,
      params: asRecord(req.params),
      query: asRecord(req.query),
      body: req.body as unknown,
    },
    route: { method, path: `${req.baseUrl ?? ''}${typeof template === 'string' ? template : String(template ?? '')}` },
  };
}
