import { EventSink, eventTime, type EventLogLine } from './events/event-sink';
import type { SecurityEvent, SecurityEventListener } from './events/security-event';
import { assertKnownKeys, assertObject, optionalFunction } from './options/validate';
import type { RequestLike, RouteRef } from './request-like';
import type { RouteDeclaration } from './route-declaration';
import { AuthFailure } from './auth/auth-failure';
import { AuthFailures } from './auth/auth-errors';
import { resolveAuthOptions, type AuthOptions, type ResolvedAuthOptions } from './auth/auth-options';
import { createAuthenticator, type Authenticator } from './auth/authenticator';
import type { Principal } from './auth/principal';
import type { RequireAuthRequirement } from './auth/require-auth-requirement';
import { resolveLeastPrivilegeOptions, type LeastPrivilegeOptions, type ResolvedLeastPrivilegeOptions } from './privilege/least-privilege-options';
import { PrivilegeGuard } from './privilege/privilege-guard';
import type { PolicyClassResolver } from './privilege/resolve-ownership-policy';
import { AntiEnumerationEngine, type EnforcedBudget } from './enumeration/anti-enumeration-engine';
import type { CanonicalIds } from './privilege/id-params';
import type { ApiwardError } from './errors/apiward-error';
import { isPending, type Awaitable } from './util/awaitable';
import { resolveAntiEnumerationOptions, type AntiEnumerationOptions, type ResolvedAntiEnumerationOptions } from './enumeration/anti-enumeration-options';

/** Everything apiward is configured with. Each protection adds its section. */
export interface ApiwardOptions {
  /** Authentication (RequireAuth). Required: deny by default needs a way to authenticate. */
  readonly auth: AuthOptions;
  /** Receives every security event. Default: one structured log line per event. */
  readonly onSecurityEvent?: SecurityEventListener;
  /** LeastPrivilege: strict authorization, ownership denial answers. @default { strict: true, onDenied: 'not-found' } */
  readonly leastPrivilege?: LeastPrivilegeOptions;
  /** AntiEnumeration: store, proxy trust, budget defaults, unknown-route probing. @default memory store, no proxy trusted */
  readonly antiEnumeration?: AntiEnumerationOptions;
}

export interface ResolvedApiwardOptions {
  readonly auth: ResolvedAuthOptions;
  readonly onSecurityEvent: SecurityEventListener | undefined;
  readonly leastPrivilege: ResolvedLeastPrivilegeOptions;
  readonly antiEnumeration: ResolvedAntiEnumerationOptions;
}

const TOP_LEVEL_KEYS = ['auth', 'onSecurityEvent', 'leastPrivilege', 'antiEnumeration'] as const;

export function resolveApiwardOptions(options: unknown): ResolvedApiwardOptions {
  const o = assertObject(options, 'options');
  assertKnownKeys(o, TOP_LEVEL_KEYS, '');
  return {
    auth: resolveAuthOptions(o.auth, 'auth'),
    onSecurityEvent: optionalFunction<SecurityEventListener>(o.onSecurityEvent, 'onSecurityEvent'),
    leastPrivilege: resolveLeastPrivilegeOptions(o.leastPrivilege, 'leastPrivilege'),
    antiEnumeration: resolveAntiEnumerationOptions(o.antiEnumeration, 'antiEnumeration'),
  };
}

/** What the adapter gives the engine besides options: how to log, and a clock (tests). */
export interface ApiwardRuntime {
  readonly log?: EventLogLine;
  readonly now?: () => number;
  /** How an ownership policy class becomes an instance (Nest: from its providers). Default: `new` once. */
  readonly resolvePolicyClass?: PolicyClassResolver;
}

export interface GuardResult {
  /** The authenticated principal; undefined only on a public route without a credential. */
  readonly principal: Principal | undefined;
  /**
   * Called by the adapter once with the final HTTP status of the response (on the response's `finish`),
   * for protections that count outcomes (AntiEnumeration misses). Undefined when nothing needs it, so
   * routes that don't count outcomes pay nothing.
   */
  readonly onFinish?: (status: number) => void;
  /**
   * Canonical values the adapter writes back before the handler runs (AntiEnumeration canonicalises an
   * identifier once, so the handler looks up exactly what was counted).
   */
  readonly rewrites?: readonly RequestRewrite[];
}

/** One canonicalised request value to write back into the framework's request. */
export interface RequestRewrite {
  readonly source: 'params' | 'query' | 'body';
  readonly name: string;
  readonly value: string;
}

/**
 * The framework-free engine. Adapters build one per app, translate each request to `RequestLike`, and
 * call `guard` before the handler. Every rule lives here once.
 */
export class Apiward {
  readonly events: EventSink;
  /** LeastPrivilege (stages 1 and 3 below, and `expose` for the adapters' response filtering). */
  readonly privilege: PrivilegeGuard;
  /** AntiEnumeration (stage 2 below, and `probeUnknownRoute` for unmatched requests). */
  readonly enumeration: AntiEnumerationEngine;
  private readonly authenticator: Authenticator;
  private readonly failures: AuthFailures;
  private readonly now: () => number;

  private constructor(
    readonly options: ResolvedApiwardOptions,
    runtime: ApiwardRuntime,
  ) {
    this.now = runtime.now ?? Date.now;
    this.events = new EventSink(options.onSecurityEvent, runtime.log ?? defaultLog);
    this.failures = new AuthFailures(options.auth.realm);
    this.authenticator = createAuthenticator(options.auth, this.now);
    this.enumeration = AntiEnumerationEngine.fromResolved(options.antiEnumeration, { emit: (event) => this.emit(event), now: this.now });
    this.privilege = new PrivilegeGuard({
      options: options.leastPrivilege,
      realm: options.auth.realm,
      secondFactors: options.auth.secondFactors,
      emit: (event) => this.emit(event),
      now: this.now,
      ...(runtime.resolvePolicyClass === undefined ? {} : { resolvePolicyClass: runtime.resolvePolicyClass }),
    });
  }

  /** Validates the options (throws `TypeError` naming the bad option) and builds the engine. */
  static create(options: ApiwardOptions, runtime: ApiwardRuntime = {}): Apiward {
    return new Apiward(resolveApiwardOptions(options), runtime);
  }

  emit(event: SecurityEvent): void {
    this.events.emit(event);
  }

  /**
   * Runs before the handler. Resolves with the principal, or rejects with an `ApiwardError` to send
   * as is. Deny by default: a route without `public` requires a principal.
   *
   * A public route (`public` without `requireAuth`) is not authenticated at all, even when the request
   * carries a credential: an open route must not start failing (or logging auth failures) because a
   * client sends a stale token, and a handler on it never sees a principal it did not ask for.
   */
  guard(req: RequestLike, route: RouteRef, declaration: RouteDeclaration): Promise<GuardResult> {
    try {
      return Promise.resolve(this.guardNow(req, route, declaration));
    } catch (err: unknown) {
      return Promise.reject(err as Error);
    }
  }

  /**
   * `guard` for adapters: the same stages and outcomes, but it answers synchronously when no stage had to
   * wait (a cached token, the memory store, no ownership policy), and throws instead of rejecting then.
   * The stages run in this order; each continues the next once its own answer is in.
   */
  guardNow(req: RequestLike, route: RouteRef, declaration: RouteDeclaration): Awaitable<GuardResult> {
    // STAGE 0 — a client blocked for probing unknown routes is refused on every route (unknownRoutes only).
    if (this.options.antiEnumeration.unknownRoutes !== undefined) {
      return this.enumeration.refuseBlockedProber(req, route).then(() => this.authenticated(req, route, declaration));
    }
    return this.authenticated(req, route, declaration);
  }

  /**
   * Who you are, then what you may do, then how much of it (budgets are consumed before the ownership
   * check, so a walk over other people's ids spends budget exactly like a walk over missing ids), then
   * whether this object is yours. Public routes skip only authentication: budgets still apply to them.
   */
  private authenticated(req: RequestLike, route: RouteRef, declaration: RouteDeclaration): Awaitable<GuardResult> {
    const isPublic = declaration.public !== undefined && declaration.requireAuth === undefined;
    if (isPublic) return this.authorized(req, route, declaration, undefined);
    const principal = this.authenticate(req, route, declaration.requireAuth);
    return isPending(principal) ? principal.then((p) => this.authorized(req, route, declaration, p)) : this.authorized(req, route, declaration, principal);
  }

  private authorized(req: RequestLike, route: RouteRef, declaration: RouteDeclaration, principal: Principal | undefined): Awaitable<GuardResult> {
    // STAGE 1 — LeastPrivilege: strict deny, scopes, step-up, id params.
    const ids = this.privilege.authorize(req, route, declaration, principal);
    // STAGE 2 — AntiEnumeration: budgets, canonical identifiers; gives onFinish/rewrites.
    if (declaration.antiEnumeration === undefined) return this.owned(req, route, declaration, principal, ids, undefined);
    const budget = this.enumeration.enforceNow(req, route, principal, declaration.antiEnumeration);
    return isPending(budget) ? budget.then((b) => this.owned(req, route, declaration, principal, ids, b)) : this.owned(req, route, declaration, principal, ids, budget);
  }

  private owned(req: RequestLike, route: RouteRef, declaration: RouteDeclaration, principal: Principal | undefined, ids: CanonicalIds, budget: EnforcedBudget | undefined): Awaitable<GuardResult> {
    const result = guardResult(principal, budget);
    // STAGE 3 — LeastPrivilege ownership; the last argument is stage 2's outcome recorder (a denial counts as a miss).
    if (declaration.ownership === undefined) return result;
    return this.privilege.checkOwnership(req, route, declaration, principal, ids, budget?.onFinish).then(() => result);
  }

  /**
   * For a request no route matched, before the adapter answers 404: with `antiEnumeration.unknownRoutes`
   * on, counts it against the client and rejects with the 429 once the budget is spent (path and version
   * fuzzing, threat model §6). Resolves at once when the option is off. Once blocked, the client gets the
   * same 429 on every route (`guard`), so the block cannot be read as a map of which paths exist.
   */
  probeUnknownRoute(req: RequestLike): Promise<void> {
    return this.enumeration.probeUnknownRoute(req, undefined);
  }

  /** Releases what the engine opened itself (a Redis connection created from a URL). */
  close(): Promise<void> {
    return this.enumeration.close();
  }

  /** Throws or rejects with the generic answer; the precise reason goes to the `auth.failed` event. */
  private authenticate(req: RequestLike, route: RouteRef, requirement: RequireAuthRequirement | undefined): Awaitable<Principal> {
    let principal: Awaitable<Principal>;
    try {
      principal = this.authenticator.authenticate(req, requirement ?? NO_REQUIREMENT);
    } catch (err: unknown) {
      throw this.authFailed(route, err);
    }
    return isPending(principal)
      ? principal.then(undefined, (err: unknown) => {
          throw this.authFailed(route, err);
        })
      : principal;
  }

  private authFailed(route: RouteRef, err: unknown): ApiwardError {
    // Anything unexpected (a bug, a misdeclared route) denies with the generic 401: fail closed, never 5xx.
    const failure = err instanceof AuthFailure ? err : this.failures.token('internal_error');
    this.emit({
      type: 'auth.failed',
      at: eventTime(this.now()),
      route,
      reason: failure.reason,
      ...(failure.credential === undefined ? {} : { credential: failure.credential }),
      ...(failure.subject === undefined ? {} : { subject: failure.subject }),
    });
    return failure.error;
  }
}

function guardResult(principal: Principal | undefined, budget: EnforcedBudget | undefined): GuardResult {
  if (budget === undefined) return { principal };
  return budget.rewrites === undefined ? { principal, onFinish: budget.onFinish } : { principal, onFinish: budget.onFinish, rewrites: budget.rewrites };
}

const NO_REQUIREMENT: RequireAuthRequirement = Object.freeze({});

function defaultLog(line: string): void {
  console.warn(`[apiward] ${line}`);
}
