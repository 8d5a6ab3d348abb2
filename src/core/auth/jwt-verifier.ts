import type { KeyObject } from 'node:crypto';
import { verify, type VerifyOptions } from 'jsonwebtoken';
import type { AuthFailureReason } from '../events/security-event';
import { toJwtSeconds } from '../util/jwt-time';
import type { AuthFailures } from './auth-errors';
import { checkClaims, principalFromClaims, strictTimeWindow } from './jwt-claims';
import { reasonForJwtError } from './jwt-error-reason';
import type { ResolvedJwtOptions } from './jwt-options';
import { decodeJwt } from './jwt-structure';
import { JwksKeySource } from './jwks-key-source';
import type { Principal } from './principal';
import { VerifiedTokenCache } from './verified-token-cache';
import type { Awaitable } from '../util/awaitable';

/** A cache hit answers synchronously (no promise per request); anything else resolves later. Throws or rejects with `AuthFailure`. */
export type JwtVerifier = (token: string) => Awaitable<Principal>;

/**
 * Bearer JWT verification: size cap, then the verified-token cache (a token string that already passed
 * everything below, still inside its own time window), else strict structure (jwt-structure), key by
 * `kid` (static or JWKS), jsonwebtoken with the allowlisted algorithms, issuer, audience, tolerance and
 * max age, then the claim rules jsonwebtoken lacks (jwt-claims). Every failure is an `AuthFailure` with
 * its reason. Revocation and step-up are the authenticator's, on every request, cache hit or not.
 */
export function createJwtVerifier(options: ResolvedJwtOptions, failures: AuthFailures, now: () => number): JwtVerifier {
  const staticKey: KeyObject | undefined = options.keySource.kind === 'static' ? options.keySource.key : undefined;
  const jwks = options.keySource.kind === 'jwks' ? new JwksKeySource(options.keySource, now) : undefined;
  const cache = options.verifiedCache.maxEntries === 0 ? undefined : new VerifiedTokenCache(options.verifiedCache);
  // Built once; only `clockTimestamp` changes per call. jsonwebtoken copies its options before reading them,
  // and `verify` without a callback is synchronous, so no other verification can see this one's timestamp.
  const verifyOptions: VerifyOptions = {
    algorithms: [...options.algorithms],
    issuer: options.issuer,
    audience: audienceOption(options.audience),
    clockTolerance: toJwtSeconds(options.clockToleranceMs),
    ...(options.maxTokenAgeMs === undefined ? {} : { maxAge: toJwtSeconds(options.maxTokenAgeMs) }),
    clockTimestamp: 0,
  };
  const fail = (reason: AuthFailureReason): never => {
    throw failures.token(reason, 'jwt');
  };

  const verifyUncached = async (token: string): Promise<Principal> => {
    const decoded = decodeJwt(token, options.algorithms);
    if (typeof decoded === 'string') return fail(decoded);

    let key = staticKey;
    if (jwks !== undefined) {
      const found = await jwks.get(decoded.kid, decoded.alg);
      if (typeof found === 'string') return fail(found);
      key = found;
    }

    const nowMs = now();
    try {
      verifyOptions.clockTimestamp = toJwtSeconds(nowMs);
      verify(token, key as KeyObject, verifyOptions);
    } catch (err: unknown) {
      return fail(reasonForJwtError(err));
    }
    const claimFailure = checkClaims(decoded.payload, nowMs, options.clockToleranceMs);
    if (claimFailure !== undefined) return fail(claimFailure);
    const principal = principalFromClaims(decoded.payload, options.scopeClaim);
    cache?.remember(token, principal, strictTimeWindow(decoded.payload, options.maxTokenAgeMs), nowMs);
    return principal;
  };

  return (token: string): Awaitable<Principal> => {
    // The size cap comes first: an oversized string is neither hashed for the lookup nor decoded.
    if (token.length > options.maxTokenBytes) fail('token_too_large');
    if (cache !== undefined) {
      // Only strings that passed everything below are keys, so a hit can only be that very token again.
      const hit = cache.get(token, now());
      if (hit !== undefined) return hit;
    }
    return verifyUncached(token);
  };
}

/** jsonwebtoken's audience type wants a non-empty tuple; resolveJwtOptions guarantees at least one. */
function audienceOption(audience: readonly string[]): VerifyOptions['audience'] {
  const [first, ...rest] = audience;
  return rest.length === 0 ? first : [first!, ...rest];
}
