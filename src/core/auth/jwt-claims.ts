import type { AuthFailureReason } from '../events/security-event';
import type { JsonObject } from '../util/strict-json';
import { fromNumericDate, toJwtSeconds } from '../util/jwt-time';
import type { Principal } from './principal';
import { scopesFromClaims } from './scopes';
import type { TimeWindow } from './verified-token-cache';

const isNumericDate = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const MAX_SUBJECT_LENGTH = 1_024;

/**
 * Claim rules on top of jsonwebtoken's (run after the signature and jsonwebtoken's own checks, so a
 * reason about a claim is only ever reported for a token the issuer really signed):
 * `exp` is required (RFC 8725 §3.10: a token that never expires is a permanent key), time claims must be
 * finite numbers (`1e400` parses as Infinity), `iat` must not be in the future, `sub` must be a string.
 * Returns the failure reason, or undefined.
 */
export function checkClaims(claims: JsonObject, nowMs: number, clockToleranceMs: number): AuthFailureReason | undefined {
  if (!('exp' in claims)) return 'missing_exp';
  if (!isNumericDate(claims.exp)) return 'invalid_claim_type';
  if (fromNumericDate(claims.exp) + clockToleranceMs <= nowMs) return 'expired';
  if ('nbf' in claims && !isNumericDate(claims.nbf)) return 'invalid_claim_type';
  if ('iat' in claims) {
    if (!isNumericDate(claims.iat)) return 'invalid_claim_type';
    if (fromNumericDate(claims.iat) > nowMs + clockToleranceMs) return 'issued_in_future';
  }
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > MAX_SUBJECT_LENGTH) return 'invalid_subject';
  if ('jti' in claims && typeof claims.jti !== 'string') return 'invalid_claim_type';
  if ('auth_time' in claims && !isNumericDate(claims.auth_time)) return 'invalid_claim_type';
  if ('amr' in claims && !Array.isArray(claims.amr)) return 'invalid_claim_type';
  return undefined;
}

/**
 * The principal of a checked JWT. A client-credentials token (`gty`, as Auth0 issues it) or one whose
 * `client_id` is its own subject (RFC 9068 §2.2) is a service; anything else a user.
 */
export function principalFromClaims(claims: JsonObject, scopeClaim: string | undefined): Principal {
  const subject = claims.sub as string;
  const service = claims.gty === 'client-credentials' || (typeof claims.client_id === 'string' && claims.client_id === subject);
  const amr = Array.isArray(claims.amr) ? Object.freeze((claims.amr as unknown[]).filter((v): v is string => typeof v === 'string')) : EMPTY;
  // Frozen all the way down (strict-json freezes the claims): one principal serves every request that
  // re-sends the token (verified-token cache), so no handler may change what the next request sees.
  return Object.freeze({
    subject,
    kind: service ? 'service' : 'user',
    scopes: scopesFromClaims(claims, scopeClaim),
    claims: Object.freeze(claims),
    authTime: isNumericDate(claims.auth_time) ? fromNumericDate(claims.auth_time) : undefined,
    amr,
    credential: 'jwt',
    tokenId: typeof claims.jti === 'string' ? claims.jti : undefined,
  });
}

/**
 * The span in which a checked token's time claims hold with no clock tolerance at all, for the
 * verified-token cache: `[max(ceil(nbf), ceil(iat)), min(floor(exp), floor(iat) + maxAge))`, in ms.
 * It is a subset of what full verification accepts at any instant: jsonwebtoken compares whole seconds
 * (`floor(now / 1000)`), and `now < floor(x) * 1000` implies `floor(now / 1000) < x`, while
 * `now >= ceil(x) * 1000` implies `floor(now / 1000) >= x`; the maximum age is likewise counted in the
 * whole seconds jsonwebtoken is given. A token inside its tolerance margin falls outside the window and
 * is verified in full, which accepts or refuses it exactly as without a cache.
 * Call only after `checkClaims` passed (then `exp` is finite, `iat`/`nbf` are numbers when present, and
 * `iat` is present when `maxTokenAgeMs` is set).
 */
export function strictTimeWindow(claims: JsonObject, maxTokenAgeMs: number | undefined): TimeWindow {
  const iat = isNumericDate(claims.iat) ? claims.iat : undefined;
  let untilMs = fromNumericDate(Math.floor(claims.exp as number));
  if (maxTokenAgeMs !== undefined) {
    // No iat despite maxTokenAgeMs cannot pass verification; an empty window keeps it out regardless.
    untilMs = iat === undefined ? -Infinity : Math.min(untilMs, fromNumericDate(Math.floor(iat) + toJwtSeconds(maxTokenAgeMs)));
  }
  let fromMs = -Infinity;
  if (iat !== undefined) fromMs = fromNumericDate(Math.ceil(iat));
  if (isNumericDate(claims.nbf)) fromMs = Math.max(fromMs, fromNumericDate(Math.ceil(claims.nbf)));
  return { fromMs, untilMs };
}

const EMPTY: readonly string[] = Object.freeze([]);
