/**
 * The memory store keeps each tracked key in a fixed number of 32-bit words inside shared typed-array
 * chunks (no object, no timer per key): that is what keeps a million attacker keys under the memory
 * target. Layout of one record:
 *
 *   0  flags       bit 0 recently used (clock eviction) · bits 1–8 offences · bits 9–10 walk direction ·
 *                  bits 11–31 walk length
 *   1  lastSeen    epoch seconds of the last update
 *   2  blockedUntil epoch seconds, rounded up (blocked while > now; offences are remembered until
 *                  `memoryMs` after it)
 *   …  one word per request / miss / distinct window: window number (low 16 bits) << 16 | count
 *   …  one word per distinct window: the first member's fingerprint (more members live in an overflow list)
 *   …  walk: start (epoch seconds, rounded up), last id modulo 2^32 (adjacency is a small difference,
 *      which survives the modulo; ids 2^32 apart look alike, which can only make a walk longer)
 */
export const FLAGS = 0;
export const LAST_SEEN = 1;
export const BLOCKED_UNTIL = 2;
const HEADER_WORDS = 3;

export const REF_BIT = 1;
export const OFFENCE_SHIFT = 1;
export const OFFENCE_MASK = 0xff;
export const DIR_SHIFT = 9;
export const DIR_MASK = 0x3;
export const RUN_SHIFT = 11;
export const RUN_MAX = 0x1fffff;

export class RecordLayout {
  readonly requests: number;
  readonly misses: number;
  readonly distinct: number;
  readonly distinctFingerprint: number;
  /** Offset of the walk's two words, or -1 without a walk. */
  readonly walk: number;
  readonly stride: number;

  constructor(
    readonly requestWindows: number,
    readonly missWindows: number,
    readonly distinctWindows: number,
    hasWalk: boolean,
  ) {
    this.requests = HEADER_WORDS;
    this.misses = this.requests + requestWindows;
    this.distinct = this.misses + missWindows;
    this.distinctFingerprint = this.distinct + distinctWindows;
    const end = this.distinctFingerprint + distinctWindows;
    this.walk = hasWalk ? end : -1;
    this.stride = end + (hasWalk ? 2 : 0);
  }
}
