import { assertKnownKeys, optionError, optionalBoolean, optionalObject } from '../options/validate';
import { resolveNotFoundAnswer, type NotFoundAnswer, type ResolvedNotFoundAnswer } from './not-found-answer';
import type { OwnershipDenialAnswer } from './ownership-policy';

/** Module-level LeastPrivilege settings (`ApiwardModule.forRoot({ leastPrivilege })`, Express the same). */
export interface LeastPrivilegeOptions {
  /**
   * Authorization deny-by-default. An authenticated route that declares neither `LeastPrivilege(...)`, nor
   * `Public(...)`, nor `AnyAuthenticated({ reason })` is refused to every caller with 403: a forgotten
   * decorator must never hand data to every valid token (threat model §2).
   * @default true
   */
  readonly strict?: boolean;
  /**
   * How an ownership denial answers unless the route says otherwise: `'not-found'` (exactly the route's
   * not-found, so "not yours" and "does not exist" look the same) or `'forbidden'` (403, for resources
   * whose existence is not secret).
   * @default 'not-found'
   */
  readonly onDenied?: OwnershipDenialAnswer;
  /**
   * The application's not-found answer, sent for ownership denials. Make the handlers' own not-found the
   * same answer (`throw notFoundError(sameOptions)`), or set this to what they already send.
   * @default { status: 404, body: { statusCode: 404, message: 'Not Found' }, headers: {} }
   */
  readonly notFound?: NotFoundAnswer;
}

export interface ResolvedLeastPrivilegeOptions {
  readonly strict: boolean;
  readonly onDenied: OwnershipDenialAnswer;
  readonly notFound: ResolvedNotFoundAnswer;
}

const KEYS = ['strict', 'onDenied', 'notFound'] as const;

export function resolveLeastPrivilegeOptions(value: unknown, path: string): ResolvedLeastPrivilegeOptions {
  const o = optionalObject(value, path) ?? {};
  assertKnownKeys(o, KEYS, path);
  const onDenied = o.onDenied ?? 'not-found';
  if (onDenied !== 'not-found' && onDenied !== 'forbidden') throw optionError(`${path}.onDenied`, "must be 'not-found' or 'forbidden'");
  return Object.freeze({
    strict: optionalBoolean(o.strict, `${path}.strict`, true),
    onDenied,
    notFound: resolveNotFoundAnswer(o.notFound, `${path}.notFound`),
  });
}
