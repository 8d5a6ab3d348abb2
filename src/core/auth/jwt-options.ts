import type { KeyObject } from 'node:crypto';
import { assertKnownKeys, assertObject, optionError, optionalInteger, optionalObject, optionalString, requireNonEmptyString, stringArray } from '../options/validate';
import { resolveAlgorithms, type AlgorithmFamily } from './jwt-algorithms';
import { buildPublicKey, buildSecretKey } from './jwt-key';
import { resolveVerifiedTokenCacheOptions, type ResolvedVerifiedTokenCacheOptions, type VerifiedTokenCacheOptions } from './verified-token-cache-options';

/** The JWS algorithms apiward verifies. `none` is never one of them. */
export type JwtAlgorithm =
  | 'HS256' | 'HS384' | 'HS512'
  | 'RS256' | 'RS384' | 'RS512'
  | 'PS256' | 'PS384' | 'PS512'
  | 'ES256' | 'ES384' | 'ES512';

/** How the JWKS endpoint is fetched. A flood of unknown `kid`s must not turn into a flood of fetches. */
export interface JwksOptions {
  /**
   * How long a fetched signing key is trusted before the endpoint is asked again.
   * @default 600000 (10 minutes)
   */
  readonly cacheMaxAgeMs?: number;
  /**
   * Fetches allowed per minute for keys not in the cache (unknown `kid`, rotation). Random `kid`s beyond
   * this budget are refused without a request.
   * @default 5
   */
  readonly maxFetchesPerMinute?: number;
  /**
   * A fetch that takes longer fails (the request is answered 401, never 5xx).
   * @default 5000
   */
  readonly timeoutMs?: number;
}

/**
 * Bearer JWT verification (RFC 7519, RFC 8725 best practices), through `jsonwebtoken`. Exactly one key
 * source: `secret`, `publicKey` or `jwksUri`, and it must fit the algorithm family.
 */
export interface JwtOptions {
  /**
   * Accepted `alg` values, compared case-sensitively. Required and non-empty. `none` (in any letter case)
   * and a mix of HMAC (`HS*`) with RSA/EC/PS are refused at start-up: a mix is what lets a token signed
   * with the RSA *public* key as an HMAC secret verify (algorithm confusion).
   */
  readonly algorithms: readonly JwtAlgorithm[];
  /** HMAC secret (`HS*` only), at least 32 bytes. */
  readonly secret?: string | Buffer | KeyObject;
  /** RSA/EC public key (`RS*`, `PS*`, `ES*`): PEM (SPKI or PKCS#1) as a string or Buffer, or a `KeyObject`. */
  readonly publicKey?: string | Buffer | KeyObject;
  /** JWKS endpoint of the issuer (`RS*`, `PS*`, `ES*`); keys are selected by `kid`. */
  readonly jwksUri?: string;
  /** With `jwksUri`: caching and fetch budget. */
  readonly jwks?: JwksOptions;
  /** Required `iss`, compared exactly (no trailing-slash or case folding). */
  readonly issuer: string;
  /** Required `aud`: the token must name at least one of these, compared exactly. */
  readonly audience: string | readonly string[];
  /**
   * Allowed clock skew for `exp`, `nbf` and `iat`.
   * @default 5000
   */
  readonly clockToleranceMs?: number;
  /** When set, tokens whose `iat` is older than this are refused (and `iat` becomes required). @default undefined */
  readonly maxTokenAgeMs?: number;
  /**
   * Tokens longer than this are refused before any decoding.
   * @default 8192
   */
  readonly maxTokenBytes?: number;
  /**
   * Claim the scopes are read from (a space-delimited string or an array of strings). By default the
   * union of `scope` (space-delimited string), `scp` (array or string) and `permissions` (array).
   * @default undefined
   */
  readonly scopeClaim?: string;
  /**
   * Reuse of a successful verification for the same token string, bounded in entries and age and never
   * past the token's own `exp`; revocation and step-up still run on every request. `false` disables.
   * @default { maxEntries: 10000, maxAgeMs: 300000 }
   */
  readonly verifiedCache?: VerifiedTokenCacheOptions | false;
}

/** Where verification keys come from, resolved once at start-up. */
export type ResolvedKeySource =
  | { readonly kind: 'static'; readonly key: KeyObject }
  | {
      readonly kind: 'jwks';
      readonly uri: string;
      readonly cacheMaxAgeMs: number;
      readonly maxFetchesPerMinute: number;
      readonly timeoutMs: number;
    };

export interface ResolvedJwtOptions {
  readonly algorithms: readonly JwtAlgorithm[];
  readonly keySource: ResolvedKeySource;
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly clockToleranceMs: number;
  readonly maxTokenAgeMs: number | undefined;
  readonly maxTokenBytes: number;
  readonly scopeClaim: string | undefined;
  readonly verifiedCache: ResolvedVerifiedTokenCacheOptions;
}

const JWT_KEYS = ['algorithms', 'secret', 'publicKey', 'jwksUri', 'jwks', 'issuer', 'audience', 'clockToleranceMs', 'maxTokenAgeMs', 'maxTokenBytes', 'scopeClaim', 'verifiedCache'] as const;
const JWKS_KEYS = ['cacheMaxAgeMs', 'maxFetchesPerMinute', 'timeoutMs'] as const;
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export function resolveJwtOptions(value: unknown, path: string): ResolvedJwtOptions {
  const o = assertObject(value, path);
  assertKnownKeys(o, JWT_KEYS, path);
  const { algorithms, family } = resolveAlgorithms(o.algorithms, `${path}.algorithms`);
  const maxTokenAgeMs = o.maxTokenAgeMs === undefined ? undefined : optionalInteger(o.maxTokenAgeMs, `${path}.maxTokenAgeMs`, 0, 1_000);
  return {
    algorithms,
    keySource: resolveKeySource(o, family, algorithms, path),
    issuer: requireNonEmptyString(o.issuer, `${path}.issuer`),
    audience: resolveAudience(o.audience, `${path}.audience`),
    clockToleranceMs: optionalInteger(o.clockToleranceMs, `${path}.clockToleranceMs`, 5_000, 0, 300_000),
    maxTokenAgeMs,
    maxTokenBytes: optionalInteger(o.maxTokenBytes, `${path}.maxTokenBytes`, 8_192, 256, 65_536),
    scopeClaim: optionalString(o.scopeClaim, `${path}.scopeClaim`),
    verifiedCache: resolveVerifiedTokenCacheOptions(o.verifiedCache, `${path}.verifiedCache`),
  };
}

function resolveAudience(value: unknown, path: string): readonly string[] {
  if (typeof value === 'string') return Object.freeze([requireNonEmptyString(value, path)]);
  if (value === undefined) throw optionError(path, 'is required (a string or a non-empty array of strings)');
  return stringArray(value, path, { nonEmpty: true });
}

function resolveKeySource(o: Record<string, unknown>, family: AlgorithmFamily, algorithms: readonly JwtAlgorithm[], path: string): ResolvedKeySource {
  const given = (['secret', 'publicKey', 'jwksUri'] as const).filter((k) => o[k] !== undefined);
  if (given.length !== 1) {
    throw optionError(path, `needs exactly one key source: secret, publicKey or jwksUri (got ${given.length === 0 ? 'none' : given.join(' and ')})`);
  }
  if (o.jwks !== undefined && o.jwksUri === undefined) throw optionError(`${path}.jwks`, 'is only valid with jwksUri');
  const source = given[0]!;
  if ((source === 'secret') !== (family === 'hmac')) {
    throw optionError(`${path}.${source}`, family === 'hmac' ? 'does not fit HS* algorithms: use secret' : 'does not fit RS*/PS*/ES* algorithms: use publicKey or jwksUri');
  }
  if (source === 'secret') return { kind: 'static', key: buildSecretKey(o.secret, `${path}.secret`) };
  if (source === 'publicKey') return { kind: 'static', key: buildPublicKey(o.publicKey, algorithms, `${path}.publicKey`) };
  const uri = requireNonEmptyString(o.jwksUri, `${path}.jwksUri`);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw optionError(`${path}.jwksUri`, 'must be an absolute URL');
  }
  // Keys fetched over plain HTTP can be swapped by anyone on the path; only loopback is exempt (tests, sidecars).
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname))) {
    throw optionError(`${path}.jwksUri`, 'must use https (http only for a loopback address)');
  }
  const jwks = optionalObject(o.jwks, `${path}.jwks`) ?? {};
  assertKnownKeys(jwks, JWKS_KEYS, `${path}.jwks`);
  return {
    kind: 'jwks',
    uri,
    cacheMaxAgeMs: optionalInteger(jwks.cacheMaxAgeMs, `${path}.jwks.cacheMaxAgeMs`, 600_000, 1_000),
    maxFetchesPerMinute: optionalInteger(jwks.maxFetchesPerMinute, `${path}.jwks.maxFetchesPerMinute`, 5, 1, 600),
    timeoutMs: optionalInteger(jwks.timeoutMs, `${path}.jwks.timeoutMs`, 5_000, 100, 60_000),
  };
}
