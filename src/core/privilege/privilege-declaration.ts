import type { AnyAuthenticatedDeclaration } from './any-authenticated';
import type { ExposureDeclaration } from './exposure';
import type { OwnershipDeclaration } from './ownership-policy';
import { mergeScopeRequirements, type ScopeRequirement } from './scope-requirement';

/** The LeastPrivilege part of a `RouteDeclaration`. */
export interface PrivilegeDeclaration {
  /** `LeastPrivilege(...)`: required scopes, optionally with step-up. */
  readonly leastPrivilege?: ScopeRequirement;
  /** `AnyAuthenticated({ reason })`: any valid principal, on purpose. */
  readonly anyAuthenticated?: AnyAuthenticatedDeclaration;
  /** `Owns(...)`: object-level policies, outer (controller / router) first; every one must allow. */
  readonly ownership?: readonly OwnershipDeclaration[];
  /** `ExposeFields(...)`: the response allow-list. */
  readonly exposure?: ExposureDeclaration;
}

/** Outer-level input of the merge: the privilege fields plus the ones that decide whether a handler opens the route. */
interface MergeInput extends PrivilegeDeclaration {
  readonly public?: unknown;
  readonly requireAuth?: unknown;
}

/** True when the declaration needs an authenticated principal to be met (so it cannot be public). */
export function requiresPrincipal(declaration: PrivilegeDeclaration): boolean {
  return declaration.leastPrivilege !== undefined || declaration.anyAuthenticated !== undefined;
}

/**
 * Merges controller/router (`outer`) and handler (`inner`) privilege declarations. The handler only tightens:
 * scopes from both levels are required and both levels' ownership policies must allow. One deliberate
 * opening mirrors RequireAuth: a handler `Public(...)` that declares no requirement of its own drops the
 * outer scope / any-authenticated requirement. Ownership is never dropped (a policy without a principal
 * denies). A handler's `ExposeFields` replaces the controller's: an allow-list is read as a whole.
 */
export function mergePrivilegeDeclarations(outer: MergeInput, inner: MergeInput): PrivilegeDeclaration {
  const handlerOpens = inner.public !== undefined && inner.requireAuth === undefined && !requiresPrincipal(inner);
  const leastPrivilege = handlerOpens ? undefined : mergeScopeRequirements(outer.leastPrivilege, inner.leastPrivilege);
  const anyAuthenticated = handlerOpens ? undefined : (inner.anyAuthenticated ?? outer.anyAuthenticated);
  const ownership = [...(outer.ownership ?? []), ...(inner.ownership ?? [])];
  const exposure = inner.exposure ?? outer.exposure;
  return {
    ...(leastPrivilege !== undefined ? { leastPrivilege } : {}),
    ...(anyAuthenticated !== undefined ? { anyAuthenticated } : {}),
    ...(ownership.length > 0 ? { ownership: Object.freeze(ownership) } : {}),
    ...(exposure !== undefined ? { exposure } : {}),
  };
}
