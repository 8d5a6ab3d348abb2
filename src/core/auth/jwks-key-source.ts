import { createPublicKey, type KeyObject } from 'node:crypto';
import { JwksClient, JwksRateLimitError, SigningKeyNotFoundError } from 'jwks-rsa';
import type { AuthFailureReason } from '../events/security-event';
import { FetchBudget } from './fetch-budget';
import { keyFitsAlgorithm } from './jwt-algorithms';
import type { JwtAlgorithm, ResolvedKeySource } from './jwt-options';

type JwksSource = Extract<ResolvedKeySource, { kind: 'jwks' }>;

interface CachedKey {
  readonly key: KeyObject;
  /** The JWK's own `alg`, when it declares one (RFC 7517 §4.4): a token must then use exactly it. */
  readonly alg: string | undefined;
  readonly expiresAt: number;
}

/** Keys per `kid` kept as `KeyObject`s; issuers publish a handful at a time. */
const MAX_CACHED_KEYS = 32;
// An empty `kid` is refused before any lookup (jwt-structure), so '' can only mean "no kid".
const NO_KID = '';

/**
 * Verification keys from the issuer's JWKS, through jwks-rsa (`cache`, `rateLimit`, `timeout`). In front
 * of it:
 * - a bounded cache of keys already converted to `KeyObject`s, so the hot path neither re-parses PEM nor
 *   enters jwks-rsa's promise chain;
 * - one in-flight lookup per `kid`, so a burst of requests carrying a newly rotated `kid` costs one fetch;
 * - a fetch budget of `maxFetchesPerMinute` that refuses at once: random `kid`s cannot make the server
 *   fetch more than a few times a minute, nor park requests in timers. jwks-rsa's limiter stays on as a
 *   backstop at twice the budget, where it never engages while the budget holds.
 * A key rotated in later is found on its first use, as long as the budget has room.
 */
export class JwksKeySource {
  private readonly client: JwksClient;
  private readonly cache = new Map<string, CachedKey>();
  private readonly inFlight = new Map<string, Promise<CachedKey | AuthFailureReason>>();
  private readonly budget: FetchBudget;

  constructor(
    private readonly source: JwksSource,
    private readonly now: () => number,
  ) {
    this.budget = new FetchBudget(source.maxFetchesPerMinute, now);
    this.client = new JwksClient({
      jwksUri: source.uri,
      cache: true,
      cacheMaxAge: source.cacheMaxAgeMs,
      cacheMaxEntries: MAX_CACHED_KEYS,
      rateLimit: true,
      jwksRequestsPerMinute: source.maxFetchesPerMinute * 2,
      timeout: source.timeoutMs,
    });
  }

  /** The key for `kid` that can verify `alg`, or the failure reason. Never throws. */
  async get(kid: string | undefined, alg: JwtAlgorithm): Promise<KeyObject | AuthFailureReason> {
    const cacheKey = kid ?? NO_KID;
    let entry = this.cache.get(cacheKey);
    if (entry === undefined || entry.expiresAt <= this.now()) {
      const fetched = await this.lookup(kid, cacheKey);
      if (typeof fetched === 'string') return fetched;
      entry = fetched;
    }
    if ((entry.alg !== undefined && entry.alg !== alg) || !keyFitsAlgorithm(entry.key, alg)) return 'key_alg_mismatch';
    return entry.key;
  }

  private lookup(kid: string | undefined, cacheKey: string): Promise<CachedKey | AuthFailureReason> {
    const pending = this.inFlight.get(cacheKey);
    if (pending !== undefined) return pending;
    if (!this.budget.tryTake()) return Promise.resolve('key_fetch_rate_limited');
    const started = this.fetch(kid).then((result) => {
      this.inFlight.delete(cacheKey);
      if (typeof result !== 'string') this.remember(cacheKey, result);
      return result;
    });
    this.inFlight.set(cacheKey, started);
    return started;
  }

  private async fetch(kid: string | undefined): Promise<CachedKey | AuthFailureReason> {
    try {
      const signingKey = await this.client.getSigningKey(kid);
      return {
        key: createPublicKey(signingKey.getPublicKey()),
        alg: typeof signingKey.alg === 'string' && signingKey.alg !== '' ? signingKey.alg : undefined,
        expiresAt: this.now() + this.source.cacheMaxAgeMs,
      };
    } catch (err: unknown) {
      if (err instanceof SigningKeyNotFoundError) return 'unknown_kid';
      if (err instanceof JwksRateLimitError) return 'key_fetch_rate_limited';
      // Unreachable, slow, non-2xx, not JSON, no usable keys: the issuer's problem, answered 401 not 5xx.
      return 'key_source_unavailable';
    }
  }

  private remember(cacheKey: string, entry: CachedKey): void {
    this.cache.delete(cacheKey);
    if (this.cache.size >= MAX_CACHED_KEYS) {
      const oldest = this.cache.keys().next();
      if (oldest.done !== true) this.cache.delete(oldest.value);
    }
    this.cache.set(cacheKey, entry);
  }
}
