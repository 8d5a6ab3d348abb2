import type { Principal } from './principal';
import type { ResolvedVerifiedTokenCacheOptions } from './verified-token-cache-options';

/** The span `[fromMs, untilMs)` in which a verified token's time claims hold (see `strictTimeWindow`). */
export interface TimeWindow {
  readonly fromMs: number;
  readonly untilMs: number;
}

interface Entry extends TimeWindow {
  readonly principal: Principal;
}

/** Expired entries dropped from the front per insert, so stale ones leave without a timer. */
const SWEEP_PER_INSERT = 2;

/**
 * Principals of tokens that passed full verification, keyed on the exact token string.
 *
 * Why it cannot be poisoned: `remember` is only ever called with a string that itself just passed every
 * check (size, structure, algorithm, key, signature over exactly these bytes, issuer, audience, claims),
 * and lookup is exact string equality (a `Map` compares whole strings; no hash or prefix stands for the
 * token). A string that differs in one character — including another encoding of the same signature
 * (ECDSA signatures are malleable) — is a different key and is verified in full on its own. Failed
 * tokens are never stored, so hostile input can neither add entries nor evict anything. The cache lives
 * inside one verifier, so an entry is only served under the issuer, audience and keys it was checked with.
 *
 * Why caching on the raw string is fine while revoking on it would be wrong: a deny-list of strings is
 * bypassed by re-encoding the token (a different string, same `jti`), whereas a cache keyed on strings only
 * replays the outcome of verifying that very string — a re-encoded token simply misses. Revocation and
 * step-up are not cached at all: the authenticator runs them on every request, after this lookup, from
 * the principal (`jti` / subject / `amr` / `auth_time`).
 *
 * Time: an entry is served only inside its token's strict window (`exp`, `nbf`, `iat`, `maxTokenAgeMs`,
 * without clock tolerance; a token inside its tolerance margin is verified in full each time), and never
 * longer than `maxAgeMs` after it was verified. The clock is read per request; nothing uses timers.
 *
 * Eviction is by insertion order (a `Map` iterates oldest first): when full, the oldest entry goes, O(1).
 * Hits do not re-order entries, so a hit is one `Map.get`; since every entry lives at most `maxAgeMs`,
 * the oldest-inserted entry is also the one nearest its end, and a hot token pushed out is just verified
 * once more. Each insert also drops up to two expired entries from the front, so memory returns over time.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;

  constructor(options: ResolvedVerifiedTokenCacheOptions) {
    this.maxEntries = options.maxEntries;
    this.maxAgeMs = options.maxAgeMs;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The principal of `token` if it was verified and its window holds at `nowMs`. */
  get(token: string, nowMs: number): Principal | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (nowMs < entry.untilMs && nowMs >= entry.fromMs) return entry.principal;
    // Past its end it can never be served again; before its start (a clock set back), keep it.
    if (nowMs >= entry.untilMs) this.entries.delete(token);
    return undefined;
  }

  /** Stores the principal of a token that has just passed full verification at `nowMs`. */
  remember(token: string, principal: Principal, window: TimeWindow, nowMs: number): void {
    const untilMs = Math.min(window.untilMs, nowMs + this.maxAgeMs);
    if (!(untilMs > nowMs) || this.maxEntries === 0) return;
    this.entries.delete(token);
    let sweep = SWEEP_PER_INSERT;
    for (const [key, entry] of this.entries) {
      if (this.entries.size >= this.maxEntries || (sweep-- > 0 && entry.untilMs <= nowMs)) this.entries.delete(key);
      else break;
    }
    this.entries.set(token, { principal, fromMs: window.fromMs, untilMs });
  }
}
