import { isPlainObject, assertKnownKeys, optionError, optionalInteger } from '../options/validate';

/**
 * The cache of tokens that already passed full verification (`jwt.verifiedCache`). A client re-sends the
 * same access token on every request; verifying its signature again each time is most of RequireAuth's
 * cost. Only a string that itself passed every check is stored, and an entry is served only while the
 * token's own `exp` / `nbf` / `iat` (and `maxTokenAgeMs`) still hold without clock tolerance. Revocation
 * and step-up are not cached: they run on every request, from the principal. See verified-token-cache.ts.
 */
export interface VerifiedTokenCacheOptions {
  /**
   * Most tokens remembered; when full, the oldest entry is dropped. `0` disables the cache. Memory is
   * about twice the token's length per entry (the string and its parsed claims): ~20 MB at 10,000
   * one-kilobyte tokens.
   * @default 10000
   */
  readonly maxEntries?: number;
  /**
   * Longest time one verification is reused, whatever the token's `exp`. This bounds how long a token
   * signed by a key the issuer has since removed from its JWKS keeps being accepted (the JWKS key cache,
   * `jwks.cacheMaxAgeMs`, already trusts a fetched key that long), and how long a change of the
   * verifier's view of a token can lag. From 1 second to 1 hour.
   * @default 300000 (5 minutes)
   */
  readonly maxAgeMs?: number;
}

export interface ResolvedVerifiedTokenCacheOptions {
  /** 0: disabled. */
  readonly maxEntries: number;
  readonly maxAgeMs: number;
}

const KEYS = ['maxEntries', 'maxAgeMs'] as const;
const DEFAULT_MAX_AGE_MS = 300_000;
const DISABLED: ResolvedVerifiedTokenCacheOptions = Object.freeze({ maxEntries: 0, maxAgeMs: DEFAULT_MAX_AGE_MS });

/** `undefined` (defaults), `false` (disabled) or an options object. */
export function resolveVerifiedTokenCacheOptions(value: unknown, path: string): ResolvedVerifiedTokenCacheOptions {
  if (value === false) return DISABLED;
  if (value !== undefined && !isPlainObject(value)) throw optionError(path, 'must be false or a plain object');
  const o = value ?? {};
  assertKnownKeys(o, KEYS, path);
  return Object.freeze({
    maxEntries: optionalInteger(o.maxEntries, `${path}.maxEntries`, 10_000, 0, 1_000_000),
    maxAgeMs: optionalInteger(o.maxAgeMs, `${path}.maxAgeMs`, DEFAULT_MAX_AGE_MS, 1_000, 3_600_000),
  });
}
