import type { RequireAuthRequirement } from './auth/require-auth-requirement';

/** `@Public({ reason })`: the route is open on purpose, and the reason is recorded in the inventory. */
export interface PublicDeclaration {
  readonly reason: string;
}

/**
 * Everything apiward was told about one route, merged from controller/router and handler level.
 * Adapters build it from their metadata once per route (cached), and hand it to the core guard.
 * Each protection adds its field here.
 */
export interface RouteDeclaration {
  readonly public?: PublicDeclaration;
  readonly requireAuth?: RequireAuthRequirement;
}

/** True when the route carries any apiward declaration at all (the inventory's `declared`). */
export function isDeclared(declaration: RouteDeclaration): boolean {
  return Object.values(declaration).some((value) => value !== undefined);
}
