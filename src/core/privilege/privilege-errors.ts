import { ApiwardError } from '../errors/apiward-error';

/**
 * The client answers of LeastPrivilege. Bodies are the generic ones: which scope was missing, which
 * policy said no and which parameter was malformed go to the security event, not to the client.
 */

/** RFC 6750 §3.1: 403 with `error="insufficient_scope"` and the scopes the resource needs. */
export function insufficientScopeError(realm: string, scopes: readonly string[]): ApiwardError {
  // Scopes are validated scope-tokens (no quote, backslash or space), so they are safe inside the quotes.
  return new ApiwardError('insufficient_scope', 403, {
    'WWW-Authenticate': `Bearer realm="${realm}", error="insufficient_scope", scope="${scopes.join(' ')}"`,
  });
}

/** 403 for authorization deny-by-default and for ownership denials configured as `forbidden`. */
export function forbiddenError(): ApiwardError {
  return new ApiwardError('forbidden', 403);
}

/** 400 for a polluted or non-canonical identifier parameter. */
export function invalidRequestError(): ApiwardError {
  return new ApiwardError('invalid_request', 400);
}
