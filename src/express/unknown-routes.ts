import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Apiward } from '../core/apiward';
import { isApiwardError } from '../core/errors/apiward-error';
import { toRequestLike } from './express-request';
import { sendApiwardError } from './send-apiward-error';

/**
 * Unknown-route probing (threat model §6: fuzzing paths and versions for forgotten routes). Mounted
 * after every route, it only sees requests nothing matched: each is counted against the client, and once
 * the budget is spent the answer is the core's 429 instead of the app's 404. Anything else (option off,
 * budget left, an unexpected error) goes on to the app's own 404.
 */
export function unknownRoutesMiddleware(ward: Apiward): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    let pending: Promise<void>;
    try {
      pending = ward.probeUnknownRoute(toRequestLike(req));
    } catch {
      next();
      return;
    }
    let passed = false;
    pending
      .then(
        () => {
          passed = true;
          next();
        },
        (err: unknown) => {
          if (isApiwardError(err)) sendApiwardError(res, err);
          else {
            passed = true;
            next();
          }
        },
      )
      .catch((err: unknown) => {
        // Only reachable if writing the refusal failed: never an unhandled rejection, never a second next().
        if (!passed) next(err);
      });
  };
}
