import type { Principal } from '../auth/principal';
import { checkStepUp, needsStepUp, stepUpError } from '../auth/step-up';
import { ApiwardError } from '../errors/apiward-error';
import { eventTime } from '../events/event-sink';
import type { SecurityEvent } from '../events/security-event';
import type { RequestLike, RouteRef } from '../request-like';
import { grantedScopes, satisfiesScopes } from './check-scopes';
import { applyExposure } from './exposure';
import { checkIdParams, type CanonicalIds } from './id-params';
import type { ResolvedLeastPrivilegeOptions } from './least-privilege-options';
import { resolveOwnershipPolicy, type PolicyClassResolver } from './resolve-ownership-policy';
import { evaluateOwnership } from './evaluate-ownership';
import type { OwnershipContext, OwnershipDeclaration } from './ownership-policy';
import { forbiddenError, insufficientScopeError, invalidRequestError } from './privilege-errors';
import { requiresPrincipal, type PrivilegeDeclaration } from './privilege-declaration';
import { requiredScopes } from './scope-requirement';
import type { OwnershipDeniedEvent, PrivilegeEvent } from './privilege-events';

export interface PrivilegeGuardDeps {
  readonly options: ResolvedLeastPrivilegeOptions;
  /** The `realm` of RequireAuth's challenges, reused in `insufficient_scope` and step-up challenges. */
  readonly realm: string;
  /** `amr` values that count as a second factor (RequireAuth's resolved step-up settings). */
  readonly secondFactors: ReadonlySet<string>;
  readonly emit: (event: SecurityEvent) => void;
  readonly now?: () => number;
  /** How a policy class becomes an instance (Nest: from the module's providers). Default: `new` once. */
  readonly resolvePolicyClass?: PolicyClassResolver;
}

/** What the route is: the privilege fields, and whether it was declared public. */
export interface GuardedRoute extends PrivilegeDeclaration {
  readonly public?: unknown;
}

const NO_IDS: CanonicalIds = Object.freeze(Object.create(null) as Record<string, never>);

/**
 * LeastPrivilege's decisions for one request, after authentication and before the handler: authorization
 * deny-by-default, scopes, step-up for privileged scopes, identifier parameters, ownership. Each denial is
 * an `ApiwardError` for the client and an event with the detail. It fails closed: an unexpected exception
 * inside becomes a 403, never a 5xx and never a pass.
 */
export class PrivilegeGuard {
  private readonly now: () => number;

  constructor(private readonly deps: PrivilegeGuardDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Stage 1, right after authentication: authorization deny-by-default, scopes, step-up for privileged
   * scopes, identifier parameters. Synchronous (nothing here waits), and free for a public route that
   * declares nothing else. Returns the canonical ids for stage 3.
   */
  authorize(req: RequestLike, route: RouteRef, declaration: GuardedRoute, principal: Principal | undefined): CanonicalIds {
    try {
      if (principal === undefined) {
        if (requiresPrincipal(declaration)) this.deny({ type: 'access.denied', reason: 'no_principal' }, route, undefined, forbiddenError());
        return NO_IDS;
      }
      this.checkAuthorizationDeclared(declaration, route, principal);
      this.checkScopes(declaration, route, principal);
      return declaration.ownership === undefined || declaration.ownership.length === 0 ? NO_IDS : this.checkIds(declaration.ownership, req, route, principal);
    } catch (err: unknown) {
      throw failClosed(err);
    }
  }

  /**
   * Stage 3, after AntiEnumeration's budgets (so walking other people's ids costs what walking missing ids
   * costs): every ownership policy of the route must return `true`. A denial calls `onDenied` with the
   * status it answers (AntiEnumeration records it as a miss) and throws the route's not-found (or 403).
   */
  async checkOwnership(
    req: RequestLike,
    route: RouteRef,
    declaration: GuardedRoute,
    principal: Principal | undefined,
    ids: CanonicalIds,
    onDenied?: (status: number) => void,
  ): Promise<void> {
    try {
      await this.ownership(req, route, declaration.ownership ?? [], principal, ids);
    } catch (err: unknown) {
      const error = failClosed(err);
      try {
        onDenied?.(error.status);
      } catch {
        // Recording the miss must not change the answer.
      }
      throw error;
    }
  }

  /** Filters a handler's result through the route's `ExposeFields`; unchanged when there is none. */
  expose(value: unknown, declaration: PrivilegeDeclaration, principal: Principal | undefined): unknown {
    if (declaration.exposure === undefined) return value;
    return applyExposure(value, declaration.exposure, grantedScopes(principal?.scopes));
  }

  private async ownership(req: RequestLike, route: RouteRef, ownership: readonly OwnershipDeclaration[], principal: Principal | undefined, ids: CanonicalIds): Promise<void> {
    const first = ownership[0];
    if (first === undefined) return;
    if (principal === undefined) this.denyOwnership(first, 'no_principal', route, undefined);
    const ctx: OwnershipContext = { principal, params: req.params ?? {}, query: req.query ?? {}, body: req.body, req, ids };
    for (const declared of ownership) {
      const policy = resolveOwnershipPolicy(declared.policy, this.deps.resolvePolicyClass);
      const outcome = await evaluateOwnership(policy, ctx);
      if (outcome !== 'allowed') this.denyOwnership(declared, outcome, route, principal);
    }
  }

  private checkAuthorizationDeclared(declaration: GuardedRoute, route: RouteRef, principal: Principal): void {
    if (!this.deps.options.strict || declaration.public !== undefined || requiresPrincipal(declaration)) return;
    this.deny({ type: 'access.denied', reason: 'undeclared_authorization' }, route, principal, forbiddenError());
  }

  private checkScopes(declaration: GuardedRoute, route: RouteRef, principal: Principal): void {
    const requirement = declaration.leastPrivilege;
    if (requirement === undefined) return;
    if (!satisfiesScopes(grantedScopes(principal.scopes), requirement)) {
      const scopes = requiredScopes(requirement);
      this.deny({ type: 'access.denied', reason: 'missing_scope', requiredScopes: scopes }, route, principal, insufficientScopeError(this.deps.realm, scopes));
    }
    const stepUp = requirement.stepUp;
    if (stepUp === undefined || !needsStepUp(stepUp)) return;
    // Checked after the scopes: a caller without the privileged scope is not invited to step up for it.
    const shortfall = checkStepUp(principal, stepUp, { secondFactors: this.deps.secondFactors, now: this.now() });
    if (shortfall !== undefined) this.deny({ type: 'stepup.required', reason: shortfall }, route, principal, stepUpError(this.deps.realm, stepUp));
  }

  private checkIds(ownership: readonly OwnershipDeclaration[], req: RequestLike, route: RouteRef, principal: Principal): CanonicalIds {
    const result = checkIdParams(req, ownership.flatMap((declared) => declared.ids));
    if (result.ok) return result.ids;
    const { param, source, reason } = result.rejection;
    return this.deny({ type: 'param.rejected', param, reason, ...(source === undefined ? {} : { source }) }, route, principal, invalidRequestError());
  }

  private denyOwnership(declared: OwnershipDeclaration, outcome: OwnershipDeniedEvent['outcome'], route: RouteRef, principal: Principal | undefined): never {
    const answeredAs = declared.onDenied ?? this.deps.options.onDenied;
    const error = answeredAs === 'forbidden' ? forbiddenError() : notFound(declared, this.deps.options);
    return this.deny({ type: 'ownership.denied', outcome, policy: declared.policyName, answeredAs }, route, principal, error);
  }

  private deny(event: DistributiveOmit<PrivilegeEvent, 'at' | 'route' | 'subject'>, route: RouteRef, principal: Principal | undefined, error: ApiwardError): never {
    this.emit(event, route, principal);
    throw error;
  }

  private emit(event: DistributiveOmit<PrivilegeEvent, 'at' | 'route' | 'subject'>, route: RouteRef, principal: Principal | undefined): void {
    this.deps.emit({ ...event, at: eventTime(this.now()), route, ...(principal === undefined ? {} : { subject: principal.subject }) } as PrivilegeEvent);
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Only an `ApiwardError` leaves the guard: anything else is a bug, and a bug denies. */
function failClosed(err: unknown): ApiwardError {
  return err instanceof ApiwardError ? err : forbiddenError();
}

function notFound(declared: OwnershipDeclaration, options: ResolvedLeastPrivilegeOptions): ApiwardError {
  const answer = declared.notFound ?? options.notFound;
  return new ApiwardError('not_found', answer.status, answer.headers, answer.body);
}
