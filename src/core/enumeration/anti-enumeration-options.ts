import { resolveIdentifierRules, type IdentifierRulesOptions, type ResolvedIdentifierRules } from '../identifiers/canonicalize-identifier';
import { assertKnownKeys, assertObject, optionError, optionalInteger } from '../options/validate';
import { days, minutes } from '../util/duration';
import {
  BUDGET_KEYS,
  resolveBudgets,
  resolveOnStoreError,
  type AntiEnumerationBudgets,
  type ResolvedBudgetDefaults,
  type OnStoreError,
} from './anti-enumeration-route';
import { resolveBlockOptions, type BlockOptions, type BlockSchedule } from './block-schedule';
import { resolveWindows, type BudgetWindows } from './budgets';
import { resolveHashKey } from './identifier-hash';
import { resolveStoreOption, type ResolvedStoreOption, type StoreOption } from './store-options';
import { resolveTrustProxy, type ResolvedTrustProxy, type TrustProxy } from './trust-proxy';

/** Unknown-route probing (opt-in): 404s on unmatched paths per client, e.g. `/v1` vs `/v2` fuzzing. */
export interface UnknownRoutesOptions {
  /** Unmatched requests allowed per client. @default [{ limit: 20, windowMs: minutes(1) }, { limit: 100, windowMs: days(1) }] */
  readonly budget?: BudgetWindows;
}

/** Module-level AntiEnumeration settings; routes add their own budgets on top. */
export interface AntiEnumerationOptions {
  /** Where budgets are counted. @default 'memory' (bounded, 1,000,000 keys) */
  readonly store?: StoreOption;
  /** Which proxies may name the client (see `TrustProxy`). @default false (the TCP peer is the client) */
  readonly trustProxy?: TrustProxy;
  /** IPv4 clients are grouped by this prefix length. @default 32 */
  readonly ipv4PrefixLength?: number;
  /** IPv6 clients are grouped by this prefix length (a typical customer delegation). @default 56 */
  readonly ipv6PrefixLength?: number;
  /** Key of the identifier hash (32+ bytes). Required with a shared store (Redis). @default a random key per process */
  readonly hashKey?: string | Uint8Array;
  /** When the store fails: 503 (`'fail-closed'`) or in-memory counting (`'insurance'`). Routes may override. @default 'fail-closed' */
  readonly onStoreError?: OnStoreError;
  /** Each store call is abandoned after this long (then `onStoreError` applies). @default 250 */
  readonly storeTimeoutMs?: number;
  /**
   * After a store failure, calls skip the store for this long (no pile-up behind a dead server), and a
   * fail-closed 503 carries it as `Retry-After`. @default 1000
   */
  readonly storeRetryMs?: number;
  /** Most keys of the in-memory insurance store. @default 100_000 */
  readonly insuranceMaxKeys?: number;
  /** Budgets for every route that does not set its own (see `AntiEnumerationBudgets` for the library defaults). */
  readonly defaults?: AntiEnumerationBudgets;
  /** Block escalation (see `BlockOptions`). */
  readonly block?: BlockOptions;
  /** Canonicalisation rules for emails, phones and usernames. */
  readonly identifiers?: IdentifierRulesOptions;
  /** Count unmatched requests per client and answer 429 once spent. @default false */
  readonly unknownRoutes?: boolean | UnknownRoutesOptions;
}

export interface ResolvedAntiEnumerationOptions {
  readonly store: ResolvedStoreOption;
  readonly trustProxy: ResolvedTrustProxy;
  readonly ipv4PrefixLength: number;
  readonly ipv6PrefixLength: number;
  readonly hashKey: Uint8Array | string | undefined;
  readonly onStoreError: OnStoreError;
  readonly storeTimeoutMs: number;
  readonly storeRetryMs: number;
  readonly insuranceMaxKeys: number;
  readonly defaults: ResolvedBudgetDefaults;
  readonly block: BlockSchedule;
  readonly identifiers: ResolvedIdentifierRules;
  readonly unknownRoutes: BudgetWindows | undefined;
}

const KEYS = [
  'store',
  'trustProxy',
  'ipv4PrefixLength',
  'ipv6PrefixLength',
  'hashKey',
  'onStoreError',
  'storeTimeoutMs',
  'storeRetryMs',
  'insuranceMaxKeys',
  'defaults',
  'block',
  'identifiers',
  'unknownRoutes',
] as const;

export const DEFAULT_UNKNOWN_ROUTES: BudgetWindows = Object.freeze([
  { limit: 20, windowMs: minutes(1) },
  { limit: 100, windowMs: days(1) },
]);

export function resolveAntiEnumerationOptions(value: unknown, path: string): ResolvedAntiEnumerationOptions {
  const o = value === undefined ? {} : assertObject(value, path);
  assertKnownKeys(o, KEYS, path);
  const store = resolveStoreOption(o.store, `${path}.store`);
  const hashKey = resolveHashKey(o.hashKey, `${path}.hashKey`);
  const shared = store.type === 'redis' || (store.type === 'custom' && store.store.shared);
  if (shared && hashKey === undefined) {
    throw optionError(`${path}.hashKey`, 'is required with a shared store: every instance must hash an identifier alike');
  }
  const defaults = o.defaults === undefined ? {} : assertObject(o.defaults, `${path}.defaults`);
  assertKnownKeys(defaults, BUDGET_KEYS, `${path}.defaults`);
  return Object.freeze({
    store,
    trustProxy: resolveTrustProxy(o.trustProxy, `${path}.trustProxy`),
    ipv4PrefixLength: optionalInteger(o.ipv4PrefixLength, `${path}.ipv4PrefixLength`, 32, 8, 32),
    ipv6PrefixLength: optionalInteger(o.ipv6PrefixLength, `${path}.ipv6PrefixLength`, 56, 16, 128),
    hashKey,
    onStoreError: resolveOnStoreError(o.onStoreError, `${path}.onStoreError`) ?? 'fail-closed',
    storeTimeoutMs: optionalInteger(o.storeTimeoutMs, `${path}.storeTimeoutMs`, 250, 10, 10_000),
    storeRetryMs: optionalInteger(o.storeRetryMs, `${path}.storeRetryMs`, 1_000, 100, 60_000),
    insuranceMaxKeys: optionalInteger(o.insuranceMaxKeys, `${path}.insuranceMaxKeys`, 100_000, 1_000, 10_000_000),
    defaults: Object.freeze(resolveBudgets(defaults, `${path}.defaults`)),
    block: resolveBlockOptions(o.block, `${path}.block`),
    identifiers: resolveIdentifierRules(o.identifiers, `${path}.identifiers`),
    unknownRoutes: resolveUnknownRoutes(o.unknownRoutes, `${path}.unknownRoutes`),
  });
}

function resolveUnknownRoutes(value: unknown, path: string): BudgetWindows | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return DEFAULT_UNKNOWN_ROUTES;
  const o = assertObject(value, path);
  assertKnownKeys(o, ['budget'], path);
  const windows = resolveWindows(o.budget, `${path}.budget`);
  if (windows === false) throw optionError(`${path}.budget`, 'must have at least one window (use unknownRoutes: false to turn probing off)');
  return windows ?? DEFAULT_UNKNOWN_ROUTES;
}
