import type { RouteRef } from '../request-like';

const MAX_CACHED_SCOPES = 10_000;

/**
 * The budget namespace of a route, `METHOD /template`, built once per route: the memory store looks it up
 * in a map on every request, and a string made afresh each time would be hashed each time. Templates are
 * declared routes, never raw URLs, so the cache stays small; it stops growing at a bound regardless.
 */
export class RouteScopes {
  private readonly byPath = new Map<string, Map<string, string>>();

  of(route: RouteRef): string {
    let byMethod = this.byPath.get(route.path);
    if (byMethod === undefined) {
      if (this.byPath.size >= MAX_CACHED_SCOPES) return `${route.method} ${route.path}`;
      byMethod = new Map();
      this.byPath.set(route.path, byMethod);
    }
    let scope = byMethod.get(route.method);
    if (scope === undefined) {
      scope = [route.method, route.path].join(' ');
      byMethod.set(route.method, scope);
    }
    return scope;
  }
}
