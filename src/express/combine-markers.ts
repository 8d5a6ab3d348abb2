import { mergeDeclarations, type PublicDeclaration, type RouteDeclaration } from '../core/route-declaration';

/**
 * Markers on one route are at the same level, so their order must not matter. Every field is folded with
 * `mergeDeclarations` (requirements tighten each other, scopes from every `leastPrivilege(...)` marker are
 * all required, every `owns(...)` policy must allow), and `public` is applied last, once, so that a route
 * marked both public and requireAuth / leastPrivilege is read the closed way whatever the order.
 */
export function combineMarkers(markers: readonly RouteDeclaration[]): RouteDeclaration {
  let combined: RouteDeclaration = {};
  let publicDeclaration: PublicDeclaration | undefined;
  for (const { public: isPublic, ...rest } of markers) {
    combined = mergeDeclarations(combined, rest);
    publicDeclaration ??= isPublic;
  }
  return mergeDeclarations({}, { ...(publicDeclaration !== undefined ? { public: publicDeclaration } : {}), ...combined });
}
