import type { Principal } from '../auth/principal';
import { ApiwardError, genericBody, isApiwardError } from '../errors/apiward-error';
import { eventTime } from '../events/event-sink';
import { toRetryAfter } from './retry-after';
import type { SecurityEvent } from '../events/security-event';
import type { RequestLike, RouteRef } from '../request-like';
import { resolveAntiEnumerationOptions, type AntiEnumerationOptions, type ResolvedAntiEnumerationOptions } from './anti-enumeration-options';
import { applyRouteDefaults, type AntiEnumerationDeclaration, type ResolvedAntiEnumerationRoute } from './anti-enumeration-route';
import { createBudgetStore } from './create-budget-store';
import { buildConsumePlan } from './consume-plan';
import { eventBase, type EventBase } from './enumeration-events';
import { RouteScopes } from './route-scopes';
import { clientKey, type ClientKeySettings } from './client-key';
import { identifyRequest, invalidIdentifierError, type IdentifiedTarget } from './identify-request';
import { IdentifierHasher } from './identifier-hash';
import type { IdentifierLocation } from './identifier-source';
import { MemoryBudgetStore } from './memory/memory-budget-store';
import { checkProxySetting, type ProxyCheckContext } from './proxy-check';
import { StoreRunner, type StoreAnswer, type StoreCallContext } from './store-runner';
import type { ConsumeResult } from './budget-store';
import { isPending, type Awaitable } from '../util/awaitable';
import { forwardedFor } from './trust-proxy';
import { judge } from './verdict';
import { refuseRequest, type RefusalDeps } from './refuse-request';
import { recordOutcome, type EnumerationOutcome } from './record-outcome';
import { UnknownRoutesProbe } from './unknown-routes-probe';

/** What the engine needs from its host besides options. */
export interface AntiEnumerationRuntime {
  readonly emit: (event: SecurityEvent) => void;
  /** Clock (tests inject one). @default Date.now */
  readonly now?: () => number;
  /** Waits out a progressive delay (tests inject one). @default a timer */
  readonly sleep?: (ms: number) => Promise<void>;
  /** One-time configuration warnings. @default console.warn */
  readonly log?: (line: string) => void;
}

/** The result of `check`, for the adapter. */
export interface EnumerationCheck {
  /** The canonical identifier, when the request carried one. */
  readonly canonical: string | undefined;
  /** Where to write `canonical` back (`req.params.id = canonical`) so the handler sees only that spelling. */
  readonly writeBack: IdentifierLocation | undefined;
  /** The progressive delay already waited before `check` resolved. */
  readonly delayMs: number;
  /** Report the outcome once the handler is done (status sent, or a not-found). Never rejects; idempotent. */
  record(outcome: EnumerationOutcome): Promise<void>;
}

/** What stage 2 of `Apiward.guard` hands back (see `GuardResult`). */
export interface EnforcedBudget {
  readonly onFinish: (status: number) => void;
  readonly rewrites?: readonly { readonly source: 'params' | 'query' | 'body'; readonly name: string; readonly value: string }[];
}

const PROXY_SAMPLES = 1_000;

/**
 * AntiEnumeration's engine: budgets per client for one route, counted in a store. An adapter makes two
 * calls per request: `check` before the handler (it throws the `ApiwardError` to send: 400 for a
 * malformed identifier, 429 with `Retry-After` when a budget is spent or the client is blocked, 503 when
 * the store failed and the route fails closed; else it resolves after any progressive delay), and
 * `record` after it. For unmatched requests, `probeUnknownRoute` before answering 404.
 */
export class AntiEnumerationEngine {
  readonly runner: StoreRunner;
  private readonly hasher: IdentifierHasher;
  private readonly clientSettings: ClientKeySettings;
  private readonly rules = new WeakMap<AntiEnumerationDeclaration, ResolvedAntiEnumerationRoute>();
  private readonly scopes = new RouteScopes();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly log: (line: string) => void;
  private proxySamples = 0;
  private readonly refusal: RefusalDeps;
  private readonly unknownRoutes: UnknownRoutesProbe | undefined;

  private constructor(
    readonly options: ResolvedAntiEnumerationOptions,
    private readonly runtime: AntiEnumerationRuntime,
  ) {
    this.now = runtime.now ?? Date.now;
    this.sleep = runtime.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.log = runtime.log ?? ((line) => console.warn(line));
    this.hasher = new IdentifierHasher(options.hashKey);
    this.clientSettings = options;
    this.runner = new StoreRunner(createBudgetStore(options), () => new MemoryBudgetStore({ maxKeys: options.insuranceMaxKeys }), options.storeTimeoutMs, options.storeRetryMs, runtime.emit, this.now);
    this.refusal = { runner: this.runner, schedule: options.block, emit: runtime.emit, now: this.now };
    this.unknownRoutes = options.unknownRoutes === undefined ? undefined : new UnknownRoutesProbe(options.unknownRoutes, options.onStoreError, options, this.refusal);
  }

  /** Validates the module options (`TypeError` naming the bad one) and builds the engine. */
  static create(options: AntiEnumerationOptions | undefined, runtime: AntiEnumerationRuntime, path = 'antiEnumeration'): AntiEnumerationEngine {
    return new AntiEnumerationEngine(resolveAntiEnumerationOptions(options, path), runtime);
  }

  /** Builds the engine from options already resolved (the `Apiward` engine resolves all sections first). */
  static fromResolved(options: ResolvedAntiEnumerationOptions, runtime: AntiEnumerationRuntime): AntiEnumerationEngine {
    return new AntiEnumerationEngine(options, runtime);
  }

  /**
   * `check` in the shape the `Apiward` guard returns to adapters: `onFinish(status)` records the outcome,
   * `rewrites` carries the canonical identifier to write back before the handler.
   */
  async enforce(req: RequestLike, route: RouteRef, principal: Principal | undefined, declaration: AntiEnumerationDeclaration): Promise<EnforcedBudget> {
    return this.enforceNow(req, route, principal, declaration);
  }

  /** `enforce`, answering synchronously when the store did (the memory store); throws instead of rejecting then. */
  enforceNow(req: RequestLike, route: RouteRef, principal: Principal | undefined, declaration: AntiEnumerationDeclaration): Awaitable<EnforcedBudget> {
    let check: Awaitable<EnumerationCheck>;
    try {
      check = this.checkNow(req, route, principal, declaration);
    } catch (err: unknown) {
      throw this.checkFault(route, err);
    }
    if (!isPending(check)) return enforced(check);
    return check.then(enforced, (err: unknown) => {
      throw this.checkFault(route, err);
    });
  }

  /** The route's budgets with module and library defaults applied (cached per declaration). */
  rule(declaration: AntiEnumerationDeclaration): ResolvedAntiEnumerationRoute {
    let rule = this.rules.get(declaration);
    if (rule === undefined) {
      rule = applyRouteDefaults(declaration, this.options.defaults, this.options.onStoreError);
      this.rules.set(declaration, rule);
    }
    return rule;
  }

  /** A warning when the proxy setting looks wrong (call at start-up with the framework's setting). */
  setupWarning(context: ProxyCheckContext = {}): string | undefined {
    return checkProxySetting(this.options.trustProxy, context);
  }

  async check(req: RequestLike, route: RouteRef, principal: Principal | undefined, declaration: AntiEnumerationDeclaration): Promise<EnumerationCheck> {
    return this.checkNow(req, route, principal, declaration);
  }

  /** `check`, answering synchronously when the store did (the memory store); throws instead of rejecting then. */
  checkNow(req: RequestLike, route: RouteRef, principal: Principal | undefined, declaration: AntiEnumerationDeclaration): Awaitable<EnumerationCheck> {
    const rule = this.rule(declaration);
    const client = clientKey(req, principal, this.clientSettings);
    this.observeProxy(req);
    const subject = principal?.subject;
    const identified = identifyRequest(req, rule.identifiers, this.options.identifiers);
    if (!identified.ok) {
      const who = subject === undefined ? {} : { subject };
      this.runtime.emit({ type: 'enumeration.invalid_identifier', at: eventTime(this.now()), route, client, ...who, reason: identified.reason, ...(identified.kind ? { kind: identified.kind } : {}) });
      throw invalidIdentifierError();
    }
    const found = identified.target;
    const target = found === undefined ? undefined : this.hasher.hash(found.kind, found.canonical);
    const scope = this.scopes.of(route);
    const plan = buildConsumePlan(scope, client, rule, found, target);
    const context: StoreCallContext = { route, client, onStoreError: rule.onStoreError };
    const counted: Counted = { rule, scope, context, found, base: eventBase(route, client, subject, target) };
    const consumed = this.runner.consumeNow(context, plan);
    return isPending(consumed) ? consumed.then((answer) => this.judged(counted, answer)) : this.judged(counted, consumed);
  }

  /** The verdict on the counts: refuse, wait out the progressive delay, or pass. */
  private judged(c: Counted, consumed: StoreAnswer<ConsumeResult>): Awaitable<EnumerationCheck> {
    const verdict = judge(consumed.value, c.rule);
    if (verdict.kind !== 'pass') return refuseRequest(this.refusal, verdict, c.scope, c.context, consumed.store, c.base);
    const result: EnumerationCheck = {
      canonical: c.found?.canonical,
      writeBack: c.found?.writeBack,
      delayMs: verdict.delayMs,
      record: recordOutcome({ runner: this.runner, store: consumed.store, context: c.context, scope: c.scope, rule: c.rule, block: this.options.block, emit: this.runtime.emit, now: this.now, base: c.base }),
    };
    if (verdict.delayMs === 0 || verdict.fullest === undefined) return result;
    this.runtime.emit({ ...c.base, at: eventTime(this.now()), type: 'enumeration.throttled', ...verdict.fullest, delayMs: verdict.delayMs });
    return this.sleep(verdict.delayMs).then(() => result);
  }

  /**
   * With `unknownRoutes` on, before authentication on every route: throws the same 429 a client blocked
   * for probing unknown routes gets there (see `UnknownRoutesProbe`). Resolves at once when it is off.
   */
  async refuseBlockedProber(req: RequestLike, route: RouteRef): Promise<void> {
    if (this.unknownRoutes === undefined) return;
    try {
      await this.unknownRoutes.refuseBlocked(req, route);
    } catch (err: unknown) {
      if (isApiwardError(err)) throw err;
      throw this.accountingFault(route, 'readBlock');
    }
  }

  /**
   * For a request no route matched, before answering 404 (opt-in `unknownRoutes`). Throws the 429 once
   * the client's budget of unmatched requests is spent; resolves otherwise.
   */
  probeUnknownRoute(req: RequestLike, principal: Principal | undefined): Promise<void> {
    return this.unknownRoutes === undefined ? Promise.resolve() : this.unknownRoutes.probe(req, principal);
  }

  /** A refusal passes as it is; anything else is a fault in the accounting itself (a bug, a broken custom store). */
  private checkFault(route: RouteRef, err: unknown): ApiwardError {
    return isApiwardError(err) ? err : this.accountingFault(route, 'consume');
  }

  /** A fault in the accounting itself (a bug, a broken custom store): the route stays closed, like a store outage. */
  private accountingFault(route: RouteRef, operation: 'consume' | 'readBlock'): ApiwardError {
    this.runtime.emit({ type: 'store.failed', at: eventTime(this.now()), route, store: this.runner.primary.name, operation, reason: 'error', action: 'fail-closed' });
    return new ApiwardError('service_unavailable', 503, { 'Retry-After': toRetryAfter(this.options.storeRetryMs) }, genericBody(503));
  }

  /** Releases the store's own connections (not a client you passed in). */
  close(): Promise<void> {
    return this.runner.primary.close();
  }

  /** Compares the proxy setting with real traffic, until it warns once or has seen enough. */
  private observeProxy(req: RequestLike): void {
    if (this.proxySamples >= PROXY_SAMPLES || req.headers['x-forwarded-for'] === undefined || forwardedFor(req).length === 0) return;
    this.proxySamples++;
    const warning = checkProxySetting(this.options.trustProxy, { sample: req });
    if (warning !== undefined) {
      this.proxySamples = PROXY_SAMPLES;
      this.log(warning);
    }
  }
}

/** What `checkNow` counted, carried to the verdict. */
interface Counted {
  readonly rule: ResolvedAntiEnumerationRoute;
  readonly scope: string;
  readonly context: StoreCallContext;
  readonly found: IdentifiedTarget | undefined;
  readonly base: EventBase;
}

function enforced(check: EnumerationCheck): EnforcedBudget {
  const onFinish = (status: number): void => void check.record({ status });
  const at = check.writeBack;
  return at === undefined || check.canonical === undefined ? { onFinish } : { onFinish, rewrites: [{ source: at.in, name: at.name, value: check.canonical }] };
}
