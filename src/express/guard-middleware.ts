import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Apiward, GuardResult } from '../core/apiward';
import { applyRequestRewrites } from '../adapter-kit/apply-request-rewrites';
import { onResponseFinish } from '../adapter-kit/on-response-finish';
import { isApiwardError } from '../core/errors/apiward-error';
import type { RouteDeclaration } from '../core/route-declaration';
import { toRequestLike } from './express-request';
import { sendApiwardError } from './send-apiward-error';
import { exposeResponse } from './expose-response';
import { routeDeclaration } from './sibling-markers';

const DECLARATION = Symbol('apiward.declaration');

/** A middleware that runs the core guard for one route declaration, and carries that declaration. */
export type GuardMiddleware = RequestHandler & { readonly [DECLARATION]: RouteDeclaration };

/**
 * Express 4 ignores the promise a middleware returns, so a rejection there would be unhandled and the
 * request would hang: the promise is settled here, and the middleware itself returns nothing. The
 * handler runs only after the core resolved; any other outcome answers or goes to `next(err)`.
 */
export function guardMiddleware(ward: Apiward, declaration: RouteDeclaration): GuardMiddleware {
  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    let pending: Promise<GuardResult>;
    let effective: RouteDeclaration | undefined;
    try {
      // Markers of one route on a plain app are enforced together, once (see sibling-markers.ts).
      effective = routeDeclaration(req, declaration, declarationOf);
      if (effective === undefined) {
        next();
        return;
      }
      const { req: requestLike, route } = toRequestLike(req);
      pending = ward.guard(requestLike, route, effective);
    } catch (err: unknown) {
      next(err);
      return;
    }
    let passed = false;
    pending
      .then(
        (result) => {
          if (result.principal !== undefined) req.principal = result.principal;
          if (effective?.exposure !== undefined) exposeResponse(res, ward, effective, result.principal);
          applyRequestRewrites(req, result.rewrites);
          onResponseFinish(res, result.onFinish);
          passed = true;
          next();
        },
        (err: unknown) => {
          if (isApiwardError(err)) sendApiwardError(res, err);
          else next(err);
        },
      )
      .catch((err: unknown) => {
        // Only reachable if writing the error failed; never hand an error to Express after the handler ran.
        if (!passed) next(err);
      });
  };
  return Object.defineProperty(middleware, DECLARATION, { value: declaration, enumerable: false }) as GuardMiddleware;
}

/** The declaration a guard middleware carries, or undefined for any other function. */
export function declarationOf(value: unknown): RouteDeclaration | undefined {
  return typeof value === 'function' ? (value as Partial<GuardMiddleware>)[DECLARATION] : undefined;
}
