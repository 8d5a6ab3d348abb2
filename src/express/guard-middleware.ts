import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Apiward, GuardResult } from '../core/apiward';
import { applyRequestRewrites } from '../adapter-kit/apply-request-rewrites';
import { onResponseFinish } from '../adapter-kit/on-response-finish';
import { isApiwardError } from '../core/errors/apiward-error';
import { isPending, type Awaitable } from '../core/util/awaitable';
import type { RouteRef } from '../core/request-like';
import type { RouteDeclaration } from '../core/route-declaration';
import { stampReceipt } from '../adapter-kit/request-receipt';
import { markerRoute, rememberUniformRoute } from './declared-route';
import { toRequestLike } from './express-request';
import { sendApiwardError } from './send-apiward-error';
import { setRequestPrincipal } from './principal-slot';
import { exposeResponse } from './expose-response';
import { routeDeclaration } from './sibling-markers';
import { uniformOptionsOf } from './uniform-lookup-response';

const DECLARATION = Symbol('apiward.declaration');

/** A middleware that runs the core guard for one route declaration, and carries that declaration. */
export type GuardMiddleware = RequestHandler & { readonly [DECLARATION]: RouteDeclaration };

/**
 * Express 4 ignores the promise a middleware returns, so a rejection there would be unhandled and the
 * request would hang: the promise is settled here, and the middleware itself returns nothing. The
 * handler runs only after the core resolved; any other outcome answers or goes to `next(err)`.
 *
 * `routeOf` gives the route template from declared paths only (see declared-route.ts): a protected host
 * passes its route's; a marker on a plain app, where the mount is unknown, uses the route's own path.
 */
export function guardMiddleware(ward: Apiward, declaration: RouteDeclaration, routeOf: (req: Request) => RouteRef = markerRoute): GuardMiddleware {
  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    let outcome: Awaitable<GuardResult>;
    let effective: RouteDeclaration | undefined;
    try {
      // Markers of one route on a plain app are enforced together, once (see sibling-markers.ts).
      effective = routeDeclaration(req, declaration, markerOrUniform);
      if (effective === undefined) {
        next();
        return;
      }
      const route = routeOf(req);
      if (effective.uniformLookupResponse !== undefined) {
        // The uniform deadline counts from here, before authentication and budgets (request-receipt.ts).
        stampReceipt(req);
        rememberUniformRoute(req, route);
      }
      outcome = ward.guardNow(toRequestLike(req), route, effective);
    } catch (err: unknown) {
      refuse(res, next, err);
      return;
    }
    const exposure = effective;
    let passed = false;
    const admit = (result: GuardResult): void => {
      if (result.principal !== undefined) setRequestPrincipal(req, result.principal);
      if (exposure.exposure !== undefined) exposeResponse(res, ward, exposure, result.principal);
      applyRequestRewrites(req, result.rewrites);
      onResponseFinish(res, result.onFinish);
      passed = true;
      next();
    };
    // Never hand an error to Express after the handler ran (only reachable if admitting or writing failed).
    const failed = (err: unknown): void => {
      if (!passed) next(err);
    };
    if (!isPending(outcome)) {
      try {
        admit(outcome);
      } catch (err: unknown) {
        failed(err);
      }
      return;
    }
    Promise.resolve(outcome)
      .then(admit, (err: unknown) => refuse(res, next, err))
      .catch(failed);
  };
  return Object.defineProperty(middleware, DECLARATION, { value: declaration, enumerable: false }) as GuardMiddleware;
}

/** The core's `ApiwardError` is answered as it is; anything else goes to Express's error handling. */
function refuse(res: Response, next: NextFunction, err: unknown): void {
  if (isApiwardError(err)) sendApiwardError(res, err);
  else next(err);
}

/** The declaration a guard middleware carries, or undefined for any other function. */
export function declarationOf(value: unknown): RouteDeclaration | undefined {
  return typeof value === 'function' ? (value as Partial<GuardMiddleware>)[DECLARATION] : undefined;
}

/** A route's handlers as declarations: its markers, and its uniform handler (as protect-routes reads them). */
export function markerOrUniform(value: unknown): RouteDeclaration | undefined {
  const marker = declarationOf(value);
  if (marker !== undefined) return marker;
  const uniformLookupResponse = uniformOptionsOf(value);
  return uniformLookupResponse === undefined ? undefined : { uniformLookupResponse };
}
