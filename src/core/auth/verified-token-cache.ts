import type { Principal } from './principal';
import type { ResolvedVerifiedTokenCacheOptions } from './verified-token-cache-options';

/** The span `[fromMs, untilMs)` in which a verified token's time claims hold (see `strictTimeWindow`). */
export interface TimeWindow {
  readonly fromMs: number;
  readonly untilMs: number;
}

interface Entry extends TimeWindow {
  readonly principal: Principal;
  /** Where this entry's token sits in the insertion ring. */
  readonly slot: number;
}

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
 * Eviction is by insertion order, through a ring of `maxEntries` slots beside the `Map`: when full, the
 * next insert overwrites the oldest slot and drops that slot's entry, O(1). (Taking the oldest key from
 * the `Map` itself is not O(1) in V8: its iterator walks over every deleted entry left at the front,
 * about 13 µs per insert at 10,000 entries under churn.) Hits do not re-order anything, so a hit is one
 * `Map.get`; every entry lives at most `maxAgeMs`, so the oldest insert is also the one nearest its end,
 * and a hot token pushed out is just verified once more. An expired entry is dropped when it is next
 * looked up, or when its slot comes round; without timers, memory stays bounded by `maxEntries`.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();
  /** Tokens in insertion order, oldest at `next` once full; a slot whose entry is gone holds ''. */
  private readonly ring: string[] = [];
  private next = 0;
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
    if (nowMs >= entry.untilMs) {
      this.entries.delete(token);
      this.ring[entry.slot] = '';
    }
    return undefined;
  }

  /** Stores the principal of a token that has just passed full verification at `nowMs`. */
  remember(token: string, principal: Principal, window: TimeWindow, nowMs: number): void {
    const untilMs = Math.min(window.untilMs, nowMs + this.maxAgeMs);
    if (!(untilMs > nowMs) || this.maxEntries === 0) return;
    let slot: number;
    if (this.ring.length < this.maxEntries) {
      slot = this.ring.push(token) - 1;
    } else {
      slot = this.next;
      this.next = slot + 1 === this.maxEntries ? 0 : slot + 1;
      const oldest = this.ring[slot]!;
      // The same token may sit in an older slot too (stored again); only its current slot owns the entry.
      if (this.entries.get(oldest)?.slot === slot) this.entries.delete(oldest);
      this.ring[slot] = token;
    }
    this.entries.set(token, { principal, fromMs: window.fromMs, untilMs, slot });
  }
}
