import { assertKnownKeys, assertObject, requireNonEmptyString } from '../options/validate';

/**
 * `AnyAuthenticated({ reason })`: every valid principal may call this route, on purpose. Under strict
 * authorization a route must say who may call it; this is how it says "anyone signed in", and the
 * reason is recorded in the inventory so a reviewer can challenge it.
 */
export interface AnyAuthenticatedDeclaration {
  readonly reason: string;
}

export function toAnyAuthenticated(value: unknown, path = 'AnyAuthenticated'): AnyAuthenticatedDeclaration {
  const o = assertObject(value, path);
  assertKnownKeys(o, ['reason'], path);
  return Object.freeze({ reason: requireNonEmptyString(o.reason, `${path}.reason`) });
}
