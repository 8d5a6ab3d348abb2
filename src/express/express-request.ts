import type { Request } from 'express';
import { ExpressRequestLike } from '../adapter-kit/express-request-like';
import type { RequestLike } from '../core/request-like';

/**
 * Translates an Express 4 or 5 request into the core's `RequestLike` (lazy `query` and `body`: see
 * ExpressRequestLike). The route template is not derived from the request: see declared-route.ts.
 */
export function toRequestLike(req: Request): RequestLike {
  return new ExpressRequestLike(req);
}
