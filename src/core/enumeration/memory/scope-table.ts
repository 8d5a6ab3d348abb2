import { BLOCKED_UNTIL, FLAGS, REF_BIT, type RecordLayout } from './record-layout';

const CHUNK_SLOTS = 512;
const CHUNK_SHIFT = 9;
/** Entries the clock hand examines per eviction before settling for a blocked one. */
const EVICTION_SCAN = 256;

/**
 * One scope's records (one route's clients, or one route's targets): a `Map` from key to slot, and the
 * slots' words in fixed-size typed-array chunks, allocated as the table grows and never copied.
 *
 * Eviction is a clock over the map's insertion order. The hand (a long-lived map iterator, so each step
 * is O(1)) skips a blocked entry and moves it to the back; it gives an entry used again since it was
 * inserted or last passed a second chance the same way; the first other entry is evicted. One-request
 * keys (a flood of fresh addresses) go first, active clients after, blocked offenders last: when the next
 * 256 entries all had a second chance, the first of them goes; when all 256 are blocked, the store looks
 * at its other tables before the one whose block ends soonest goes (see `MemoryBudgetStore`).
 */
/** A tracked key: a string, or an IPv4 client as a 32-bit integer (no string kept per address). */
export type TableKey = string | number;

/** A blocked entry offered for eviction when nothing else was found; `until` is when its block ends. */
export interface BlockedCandidate {
  readonly table: ScopeTable;
  readonly key: TableKey;
  readonly slot: number;
  readonly until: number;
}

export class ScopeTable {
  readonly index = new Map<TableKey, number>();
  /** Distinct members after the first, per `slot * distinctWindows + window`. */
  readonly overflow = new Map<number, number[]>();
  private readonly chunks: Uint32Array[] = [];
  private readonly free: number[] = [];
  private nextSlot = 0;
  private hand: Iterator<[TableKey, number]> | undefined;

  constructor(readonly layout: RecordLayout) {}

  get size(): number {
    return this.index.size;
  }

  /** The chunk holding `slot` and the slot's first word in it. */
  chunkOf(slot: number): Uint32Array {
    return this.chunks[slot >>> CHUNK_SHIFT] as Uint32Array;
  }

  offsetOf(slot: number): number {
    return (slot & (CHUNK_SLOTS - 1)) * this.layout.stride;
  }

  /** The slot of `key`, marked used when `touch` (a new request, not the same request's miss or block). */
  find(key: TableKey, touch: boolean): number | undefined {
    const slot = this.index.get(key);
    if (slot !== undefined && touch) {
      const words = this.chunkOf(slot);
      const at = this.offsetOf(slot) + FLAGS;
      words[at] = (words[at] ?? 0) | REF_BIT;
    }
    return slot;
  }

  /** Tracks a new key in a zeroed record. The caller makes room first. */
  insert(key: TableKey): number {
    let slot = this.free.pop();
    if (slot === undefined) {
      slot = this.nextSlot++;
      if ((slot >>> CHUNK_SHIFT) >= this.chunks.length) this.chunks.push(new Uint32Array(CHUNK_SLOTS * this.layout.stride));
    }
    this.index.set(key, slot);
    return slot;
  }

  /**
   * Evicts one unblocked entry (see the class comment) and returns true; when the entries examined were
   * all blocked, evicts nothing and returns the one whose block ends soonest, so the store can compare
   * tables before it frees an offender (`evictBlocked`). Undefined when the table is empty.
   */
  evictOne(now: number): true | BlockedCandidate | undefined {
    if (this.index.size === 0) return undefined;
    let secondChance: { key: TableKey; slot: number } | undefined;
    let fallback: BlockedCandidate | undefined;
    for (let step = 0; step < EVICTION_SCAN; step++) {
      this.hand ??= this.index.entries();
      const next = this.hand.next();
      if (next.done === true) {
        this.hand = undefined;
        continue;
      }
      const [key, slot] = next.value;
      const words = this.chunkOf(slot);
      const at = this.offsetOf(slot);
      const blockedUntil = (words[at + BLOCKED_UNTIL] ?? 0) * 1_000;
      const flags = words[at + FLAGS] ?? 0;
      if (blockedUntil > now) {
        if (fallback === undefined || blockedUntil < fallback.until) fallback = { table: this, key, slot, until: blockedUntil };
        this.moveToBack(key, slot);
      } else if ((flags & REF_BIT) !== 0) {
        words[at + FLAGS] = flags & ~REF_BIT;
        secondChance ??= { key, slot };
        this.moveToBack(key, slot);
      } else {
        this.remove(key, slot);
        return true;
      }
    }
    if (secondChance === undefined) return fallback;
    this.remove(secondChance.key, secondChance.slot);
    return true;
  }

  /** Evicts a blocked entry `evictOne` offered; false if it is no longer tracked there. */
  evictBlocked(candidate: BlockedCandidate): boolean {
    if (this.index.get(candidate.key) !== candidate.slot) return false;
    this.remove(candidate.key, candidate.slot);
    return true;
  }

  private moveToBack(key: TableKey, slot: number): void {
    this.index.delete(key);
    this.index.set(key, slot);
  }

  private remove(key: TableKey, slot: number): void {
    this.index.delete(key);
    const at = this.offsetOf(slot);
    this.chunkOf(slot).fill(0, at, at + this.layout.stride);
    for (let w = 0; w < this.layout.distinctWindows; w++) this.overflow.delete(slot * this.layout.distinctWindows + w);
    this.free.push(slot);
  }
}
