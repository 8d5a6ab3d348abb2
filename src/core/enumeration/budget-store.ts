import type { BlockSchedule } from './block-schedule';
import type { BudgetWindow } from './budgets';

/**
 * Where budgets are counted. apiward ships a bounded memory store (one process) and a Redis store (many
 * instances, one budget); another backend implements this interface. Every operation for one request is
 * one call, so a networked store can answer it in one round trip. Keys are opaque strings: identifiers
 * arrive only as keyed hashes, never raw (except a numeric id's value, which a walk must compare).
 *
 * Windows are fixed windows: a count resets when its window ends. `resetMs` is how long until it does.
 * Calls may reject (store down); the engine bounds each call of any store but its own memory store with
 * its own timeout (a store cannot opt out) and then fails closed or falls back to its in-memory insurance
 * store.
 */
export interface BudgetStore {
  /** For events (`store.failed`). */
  readonly name: string;
  /**
   * True when several processes share the store. Identifier hashes must then agree across processes, so
   * the engine requires a `hashKey` option.
   */
  readonly shared: boolean;
  /** Counts one request and reads everything the decision needs. */
  consume(plan: ConsumePlan, now: number): Promise<ConsumeResult>;
  /** Counts one miss (404/403/401 or a not-found), once the outcome is known. */
  recordMiss(plan: MissPlan, now: number): Promise<readonly WindowCount[]>;
  /**
   * Blocks the client for `blockDurationMs(offence, minMs, schedule)`. A client already blocked is not a
   * new offence (parallel requests that trip together count once) and its block is never shortened.
   */
  block(plan: BlockPlan, now: number): Promise<BlockResult>;
  /**
   * Milliseconds left of the client's block in `scope`, 0 when it has none. Read only: a client the store
   * does not track stays untracked (every request of every route asks this when unknown-route probing is
   * on, and a flood of fresh addresses must not fill the store through it).
   */
  readBlock(plan: BlockLookup, now: number): Promise<number>;
  /** Releases connections the store opened itself. */
  close(): Promise<void>;
}

export interface WindowCount {
  readonly count: number;
  /** Milliseconds until this window's count resets. */
  readonly resetMs: number;
}

export interface ConsumePlan {
  /** The budget's namespace: one route (`GET /api/customers/:id`) or the unknown-route probe. */
  readonly scope: string;
  /** The client key (`sub:<subject>` or an address / prefix). */
  readonly client: string;
  /** Incremented by one. */
  readonly requests: readonly BudgetWindow[];
  /** Read only (misses are counted by `recordMiss`). */
  readonly misses: readonly BudgetWindow[];
  /** The identifier's hash is added to the client's set of distinct identifiers per window. */
  readonly distinct?: { readonly member: string; readonly windows: readonly BudgetWindow[] };
  /** The numeric id extends or restarts the client's walk. */
  readonly walk?: { readonly id: number; readonly maxStep: number; readonly windowMs: number };
  /** Incremented by one for the identifier's hash, across all clients. */
  readonly perTarget?: { readonly target: string; readonly windows: readonly BudgetWindow[] };
}

export interface ConsumeResult {
  /** Milliseconds left of the client's block in this scope; 0 when not blocked. */
  readonly blockedMs: number;
  readonly requests: readonly WindowCount[];
  readonly misses: readonly WindowCount[];
  readonly distinct: readonly WindowCount[];
  /** `count` is the walk's length including this id; `resetMs` the time left of the walk's window. */
  readonly walk: WindowCount | undefined;
  readonly perTarget: readonly WindowCount[];
}

export interface MissPlan {
  readonly scope: string;
  readonly client: string;
  readonly windows: readonly BudgetWindow[];
}

export interface BlockPlan {
  readonly scope: string;
  readonly client: string;
  /** The block lasts at least this long (what is left of the window that tripped). */
  readonly minMs: number;
  readonly schedule: BlockSchedule;
}

export interface BlockLookup {
  readonly scope: string;
  readonly client: string;
}

export interface BlockResult {
  /** Milliseconds the client is now blocked for. */
  readonly blockedMs: number;
  /** The client's offence count within the schedule's memory. */
  readonly offence: number;
}
