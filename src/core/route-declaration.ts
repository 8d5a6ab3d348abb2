import type { RequireAuthRequirement } from './auth/require-auth-requirement';
import type { ResolvedUniformLookupResponseOptions } from './uniform/uniform-lookup-response-options';
import { mergeAntiEnumerationDeclarations, type AntiEnumerationDeclaration } from './enumeration/anti-enumeration-route';
import { mergePrivilegeDeclarations, requiresPrincipal, type PrivilegeDeclaration } from './privilege/privilege-declaration';
import type { CredentialKind } from './auth/principal';
import { assertKnownKeys, assertObject, optionalBoolean, optionalInteger, optionError, requireNonEmptyString } from './options/validate';

/** `@Public({ reason })`: the route is open on purpose, and the reason is recorded in the inventory. */
export interface PublicDeclaration {
  readonly reason: string;
}

/**
 * Everything apiward was told about one route, merged from controller/router and handler level.
 * Adapters build it from their metadata once per route (cached), and hand it to the core guard.
 * Each protection adds its field here.
 */
export interface RouteDeclaration extends PrivilegeDeclaration {
  readonly public?: PublicDeclaration;
  readonly requireAuth?: RequireAuthRequirement;
  /** `@UniformLookupResponse(...)`: the one answer this route gives, whatever its handler finds. */
  readonly uniformLookupResponse?: ResolvedUniformLookupResponseOptions;
  /** `@AntiEnumeration(...)`: the route's budgets and identifier (validated; module defaults apply later). */
  readonly antiEnumeration?: AntiEnumerationDeclaration;
}

/**
 * Validates `Public({ reason })` where it is written (decorator or middleware factory), so a public route
 * without a reason fails when the app loads, not in a review months later.
 */
export function resolvePublicDeclaration(value: unknown, path: string): PublicDeclaration {
  const o = assertObject(value, path);
  assertKnownKeys(o, ['reason'], path);
  return Object.freeze({ reason: requireNonEmptyString(o.reason, `${path}.reason`) });
}

const CREDENTIAL_KINDS: readonly CredentialKind[] = ['jwt', 'apiKey'];

/** Validates a route's `RequireAuth` requirement; a typo (`mfaa`) must not silently drop the step-up. */
export function resolveRequireAuthRequirement(value: unknown, path: string): RequireAuthRequirement {
  const o = assertObject(value, path);
  assertKnownKeys(o, ['accept', 'mfa', 'maxAuthAgeMs'], path);
  let accept: readonly CredentialKind[] | undefined;
  if (o.accept !== undefined) {
    const kinds = o.accept;
    if (!Array.isArray(kinds) || kinds.length === 0 || kinds.some((k) => !CREDENTIAL_KINDS.includes(k as CredentialKind))) {
      throw optionError(`${path}.accept`, `must be a non-empty array of ${CREDENTIAL_KINDS.map((k) => `'${k}'`).join(', ')}`);
    }
    accept = Object.freeze([...new Set(kinds as CredentialKind[])]);
  }
  const mfa = o.mfa === undefined ? undefined : optionalBoolean(o.mfa, `${path}.mfa`, false);
  const maxAuthAgeMs = o.maxAuthAgeMs === undefined ? undefined : optionalInteger(o.maxAuthAgeMs, `${path}.maxAuthAgeMs`, 0, 1);
  return Object.freeze({
    ...(accept !== undefined ? { accept } : {}),
    ...(mfa !== undefined ? { mfa } : {}),
    ...(maxAuthAgeMs !== undefined ? { maxAuthAgeMs } : {}),
  });
}

/**
 * Merges the outer (controller / router) declaration with the inner (handler) one. The handler may only
 * tighten what its controller requires, except for one deliberate opening: a handler `@Public` overrides a
 * class-level `@RequireAuth`, as long as the handler itself does not also require authentication (a route
 * declared both public and authenticated is read the closed way).
 */
export function mergeDeclarations(outer: RouteDeclaration, inner: RouteDeclaration): RouteDeclaration {
  let requireAuth: RequireAuthRequirement | undefined;
  if (inner.requireAuth !== undefined) {
    requireAuth = outer.requireAuth === undefined ? inner.requireAuth : tightenRequirements(outer.requireAuth, inner.requireAuth);
  } else if (inner.public === undefined) {
    requireAuth = outer.requireAuth;
  }
  // LeastPrivilege's fields; a scope or AnyAuthenticated requirement needs a principal, so it closes a public route.
  const privilege = mergePrivilegeDeclarations(outer, inner);
  const uniformLookupResponse = inner.uniformLookupResponse ?? outer.uniformLookupResponse;
  // The handler's budget fields replace its controller's one by one; the rest is inherited.
  const antiEnumeration = mergeAntiEnumerationDeclarations(outer.antiEnumeration, inner.antiEnumeration);
  const publicDeclaration = requireAuth === undefined && !requiresPrincipal(privilege) ? (inner.public ?? outer.public) : undefined;
  return {
    ...(publicDeclaration !== undefined ? { public: publicDeclaration } : {}),
    ...(requireAuth !== undefined ? { requireAuth } : {}),
    ...privilege,
    // The handler's own answer replaces its controller's: an answer is stated whole, it does not tighten.
    ...(uniformLookupResponse !== undefined ? { uniformLookupResponse } : {}),
    ...(antiEnumeration !== undefined ? { antiEnumeration } : {}),
  };
}

/**
 * Combines two requirements so that the result is at least as strict as each: a second factor if either
 * asks for one, the shortest authentication age, and only credential kinds both accept (an empty
 * intersection accepts nothing, which closes the route rather than opening it).
 */
function tightenRequirements(a: RequireAuthRequirement, b: RequireAuthRequirement): RequireAuthRequirement {
  const mfa = a.mfa === true || b.mfa === true ? true : (a.mfa ?? b.mfa);
  const maxAuthAgeMs =
    a.maxAuthAgeMs === undefined ? b.maxAuthAgeMs : b.maxAuthAgeMs === undefined ? a.maxAuthAgeMs : Math.min(a.maxAuthAgeMs, b.maxAuthAgeMs);
  const accept = a.accept === undefined ? b.accept : b.accept === undefined ? a.accept : a.accept.filter((kind) => b.accept?.includes(kind));
  return {
    ...(accept !== undefined ? { accept } : {}),
    ...(mfa !== undefined ? { mfa } : {}),
    ...(maxAuthAgeMs !== undefined ? { maxAuthAgeMs } : {}),
  };
}

/** True when the route carries any apiward declaration at all (the inventory's `declared`). */
export function isDeclared(declaration: RouteDeclaration): boolean {
  return Object.values(declaration).some((value) => value !== undefined);
}
