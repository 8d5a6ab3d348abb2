import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Apiward } from '../core/apiward';
import { isApiwardError } from '../core/errors/apiward-error';
import type { Defer } from '../core/uniform/deferred-work';
import { snapshotHeaders, writeUniformAnswer } from '../core/uniform/node-response-writer';
import { resolveUniformLookupResponseOptions, type UniformLookupResponseOptions } from '../core/uniform/uniform-lookup-response-options';
import { UniformResponder } from '../core/uniform/uniform-responder';
import { whenRequestReceived } from '../adapter-kit/uniform-transport';
import { receiptTime } from '../adapter-kit/request-receipt';
import { uniformRouteOf } from './declared-route';
import { sendApiwardError } from './send-apiward-error';

/**
 * A uniform route's handler. It gets the request and `defer`, not the response: whatever it returns or
 * throws, the answer is the configured one, so there is nothing for it to write. It may return (or resolve
 * to) `afterResponse(work)`, or call `defer(work)`, for work that must run after the answer.
 */
export type UniformRouteHandler = (req: Request, defer: Defer) => unknown;

const UNIFORM = Symbol.for('apiward.uniformLookupResponse');

/** The wrapped handler, carrying its validated options (for the route registry and inventory). */
export type UniformRequestHandler = RequestHandler & { readonly [UNIFORM]: ReturnType<typeof resolveUniformLookupResponseOptions> };

/** Express's default error handler prints bugs' stacks except under NODE_ENV=test; a bug turned into the uniform answer is reported the same way. */
function reportBug(error: unknown): void {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status < 500) return; // an HTTP "not found" and the like: the ordinary miss
  if (process.env.NODE_ENV !== 'test') console.error('[apiward] uniform route handler failed:', error);
}

/**
 * `ward.uniformLookupResponse(options, handler)`: the Express route handler for a lookup, sign-up, login
 * failure or reset request. Mount a body parser before the route, so the deadline counts from a fully
 * received request, stamped when the route's guard starts. Pass-through errors are answered as usual: an `ApiwardError` as the guard answers it, anything
 * else through `next(err)`.
 */
export function uniformLookupResponse(ward: Apiward, options: UniformLookupResponseOptions, handler: UniformRouteHandler): UniformRequestHandler {
  const resolved = resolveUniformLookupResponseOptions(options, 'uniformLookupResponse');
  if (typeof handler !== 'function') throw new TypeError('apiward: uniformLookupResponse(options, handler) needs a handler function');
  const responder = new UniformResponder(resolved, { emit: (event) => ward.emit(event), onHandlerError: reportBug });
  const middleware = (req: Request, res: Response, next: NextFunction): void => {
    // Headers set by earlier middleware (CORS, helmet) do not depend on the lookup: kept.
    const keep = snapshotHeaders(res);
    void whenRequestReceived(req)
      .then(async () => {
        // From the guard's stamp when there is one: the guard's own duration (a revocation lookup, a budget
        // check or delay) must not push the answer later for one kind of account (request-receipt.ts).
        const exchange = responder.open(receiptTime(req) ?? responder.now(), uniformRouteOf(req));
        const result = await exchange.run(() => handler(req, exchange.defer));
        if (result.kind === 'answer') writeUniformAnswer(res, result.answer, keep);
        else if (isApiwardError(result.error)) sendApiwardError(res, result.error);
        else next(result.error);
        exchange.sent();
      })
      .catch((err: unknown) => next(err));
  };
  return Object.defineProperty(middleware, UNIFORM, { value: resolved, enumerable: false }) as UniformRequestHandler;
}

/** The uniform options a wrapped handler carries, or undefined for any other function. */
export function uniformOptionsOf(value: unknown): ReturnType<typeof resolveUniformLookupResponseOptions> | undefined {
  return typeof value === 'function' ? (value as Partial<UniformRequestHandler>)[UNIFORM] : undefined;
}
