import { blockDurationMs } from '../block-schedule';
import type { BlockLookup, BlockPlan, BlockResult, BudgetStore, ConsumePlan, ConsumeResult, MissPlan, WindowCount } from '../budget-store';
import { addDistinct } from './distinct-members';
import { BLOCKED_UNTIL, LAST_SEEN, OFFENCE_MASK, OFFENCE_SHIFT, FLAGS, RecordLayout } from './record-layout';
import { ScopeTable } from './scope-table';
import { ipv4AsInteger } from '../ipv4-key';
import { stepWalk } from './walk-tracker';
import { incrementWindows, readWindows } from './window-counters';

/** Shared by every result without distinct or per-target windows (nothing mutates a result). */
const NO_COUNTS: readonly WindowCount[] = Object.freeze([]);

/** The default memory bound: tracked keys across all routes and targets. */
export const DEFAULT_MAX_KEYS = 1_000_000;

export interface MemoryBudgetStoreOptions {
  /** Most keys tracked at once (clients per route, plus targets per route). @default 1_000_000 */
  readonly maxKeys?: number;
}

/**
 * The default store: one process, bounded by `maxKeys`, no timer per key. Memory per tracked key: its map
 * entry (~30 bytes; an IPv4 client is kept as an integer, any other key as a string of ~30–50 bytes more)
 * plus 4 bytes per record word: 3, plus one per request and miss window, two per distinct window, two for
 * a walk (13 words, 52 bytes, for a `numeric-id` route with the default budgets). A client that has used
 * more than one identifier in a distinct window also holds up to `limit` more fingerprints (~8 bytes each,
 * ~60 for the list). Worst case per key: ~90 + 4 × words + Σ (60 + 8 × limit) over distinct windows.
 * Measured with `scripts/enumeration-memory.ts`: ~65–75 bytes of RSS per IPv4 attacker key.
 */
export class MemoryBudgetStore implements BudgetStore {
  readonly name = 'memory';
  readonly shared = false;
  readonly maxKeys: number;
  private readonly tables = new Map<string, ScopeTable>();
  private size = 0;

  constructor(options: MemoryBudgetStoreOptions = {}) {
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  }

  /** Keys tracked right now (tests, the memory script). */
  get trackedKeys(): number {
    return this.size;
  }

  consume(plan: ConsumePlan, now: number): Promise<ConsumeResult> {
    return Promise.resolve(this.consumeNow(plan, now));
  }

  /** `consume`, synchronously: nothing here waits, and the guard's hot path pays no promise for it. */
  consumeNow(plan: ConsumePlan, now: number): ConsumeResult {
    const distinctWindows = plan.distinct?.windows ?? [];
    const table = this.table(plan.scope, plan.requests.length, plan.misses.length, distinctWindows.length, plan.walk !== undefined);
    const slot = this.slotOf(table, plan.client, now, true);
    const words = table.chunkOf(slot);
    const at = table.offsetOf(slot);
    const lastSeenMs = (words[at + LAST_SEEN] ?? 0) * 1_000;
    const requests = incrementWindows(words, at + table.layout.requests, plan.requests, now, lastSeenMs);
    const misses = readWindows(words, at + table.layout.misses, plan.misses, now, lastSeenMs);
    const distinct = plan.distinct === undefined ? NO_COUNTS : addDistinct(table, slot, plan.distinct.member, distinctWindows, now, lastSeenMs);
    const walk = plan.walk === undefined ? undefined : stepWalk(table, slot, plan.walk.id, plan.walk.maxStep, plan.walk.windowMs, now);
    words[at + LAST_SEEN] = Math.floor(now / 1_000);
    const blockedMs = Math.max(0, (words[at + BLOCKED_UNTIL] ?? 0) * 1_000 - now);
    const perTarget = plan.perTarget === undefined ? NO_COUNTS : this.countTarget(plan.scope, plan.perTarget.target, plan.perTarget.windows, now);
    return { blockedMs, requests, misses, distinct, walk, perTarget };
  }

  recordMiss(plan: MissPlan, now: number): Promise<readonly WindowCount[]> {
    const existing = this.tables.get(plan.scope);
    const table = existing !== undefined && existing.layout.missWindows === plan.windows.length ? existing : this.table(plan.scope, 0, plan.windows.length, 0, false);
    const slot = this.slotOf(table, plan.client, now, false);
    const words = table.chunkOf(slot);
    const at = table.offsetOf(slot);
    const counts = incrementWindows(words, at + table.layout.misses, plan.windows, now, (words[at + LAST_SEEN] ?? 0) * 1_000);
    words[at + LAST_SEEN] = Math.floor(now / 1_000);
    return Promise.resolve(counts);
  }

  block(plan: BlockPlan, now: number): Promise<BlockResult> {
    const table = this.tables.get(plan.scope) ?? this.table(plan.scope, 0, 0, 0, false);
    const slot = this.slotOf(table, plan.client, now, false);
    const words = table.chunkOf(slot);
    const at = table.offsetOf(slot);
    const flags = words[at + FLAGS] ?? 0;
    const blockedUntilMs = (words[at + BLOCKED_UNTIL] ?? 0) * 1_000;
    const remembered = blockedUntilMs + plan.schedule.memoryMs > now ? (flags >>> OFFENCE_SHIFT) & OFFENCE_MASK : 0;
    if (blockedUntilMs > now) return Promise.resolve({ blockedMs: blockedUntilMs - now, offence: Math.max(1, remembered) });
    const offence = Math.min(remembered + 1, OFFENCE_MASK);
    const durationMs = blockDurationMs(offence, plan.minMs, plan.schedule);
    const until = Math.ceil((now + durationMs) / 1_000);
    words[at + BLOCKED_UNTIL] = until;
    words[at + FLAGS] = ((flags & ~(OFFENCE_MASK << OFFENCE_SHIFT)) | (offence << OFFENCE_SHIFT)) >>> 0;
    words[at + LAST_SEEN] = Math.floor(now / 1_000);
    return Promise.resolve({ blockedMs: until * 1_000 - now, offence });
  }

  readBlock(plan: BlockLookup, now: number): Promise<number> {
    const table = this.tables.get(plan.scope);
    const slot = table?.find(ipv4AsInteger(plan.client) ?? plan.client, false);
    if (table === undefined || slot === undefined) return Promise.resolve(0);
    const blockedUntilMs = (table.chunkOf(slot)[table.offsetOf(slot) + BLOCKED_UNTIL] ?? 0) * 1_000;
    return Promise.resolve(Math.max(0, blockedUntilMs - now));
  }

  close(): Promise<void> {
    this.tables.clear();
    this.size = 0;
    return Promise.resolve();
  }

  private countTarget(scope: string, target: string, windows: ConsumePlan['requests'], now: number): WindowCount[] {
    const table = this.table(`target ${scope}`, windows.length, 0, 0, false);
    const slot = this.slotOf(table, target, now, true);
    const words = table.chunkOf(slot);
    const at = table.offsetOf(slot);
    const counts = incrementWindows(words, at + table.layout.requests, windows, now, (words[at + LAST_SEEN] ?? 0) * 1_000);
    words[at + LAST_SEEN] = Math.floor(now / 1_000);
    return counts;
  }

  /**
   * A scope's table. One scope is one route with one rule, so its record shape never changes; the one
   * exception is a table first created by `block` or `recordMiss` (this store took over for a single
   * call as insurance): the first full `consume` replaces it with the route's real shape.
   */
  private table(scope: string, requests: number, misses: number, distinct: number, walk: boolean): ScopeTable {
    const table = this.tables.get(scope);
    const l = table?.layout;
    if (table !== undefined && l !== undefined && l.requestWindows === requests && l.missWindows === misses && l.distinctWindows === distinct && (l.walk !== -1) === walk) {
      return table;
    }
    if (table !== undefined) this.size -= table.size;
    const fresh = new ScopeTable(new RecordLayout(requests, misses, distinct, walk));
    this.tables.set(scope, fresh);
    return fresh;
  }

  private slotOf(table: ScopeTable, key: string, now: number, touch: boolean): number {
    const compact = ipv4AsInteger(key) ?? key;
    const found = table.find(compact, touch);
    if (found !== undefined) return found;
    if (this.size >= this.maxKeys) this.makeRoom(table, now);
    this.size++;
    return table.insert(compact);
  }

  /**
   * Evicts one key, blocked offenders last across the whole store: an unblocked key from the table that
   * needs room, else from the other tables (largest first); only when every table examined offers
   * nothing but blocked keys, the examined offender whose block ends soonest, whichever table holds it.
   * A flood into one route must not free an offender blocked there while other routes hold idle keys.
   */
  private makeRoom(table: ScopeTable, now: number): void {
    const first = table.evictOne(now);
    if (first === true) {
      this.size--;
      return;
    }
    // Rare (the table needing room holds only blocked offenders): worth a sort of the few route tables.
    let soonest = first;
    const others = [...this.tables.values()].filter((t) => t !== table && t.size > 0).sort((a, b) => b.size - a.size);
    for (const other of others) {
      const found = other.evictOne(now);
      if (found === true) {
        this.size--;
        return;
      }
      if (found !== undefined && (soonest === undefined || found.until < soonest.until)) soonest = found;
    }
    if (soonest?.table.evictBlocked(soonest) === true) this.size--;
  }
}
