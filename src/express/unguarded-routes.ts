import { METHODS } from 'node:http';

/*
 * Deny by default has to cover the routes that exist when `ward.protect(host)` is called, not only the
 * ones registered after it. A route registered before protect() runs no guard at all, and apiward cannot
 * put one in front of it afterwards without reordering the app's own router: left alone, it would be an
 * open route that nobody declared open and that no inventory shows (T-Mobile's unknown APIs). So such a
 * route stops the app at start-up, naming itself, unless it carries an apiward marker of its own.
 */

interface RouteLayerView {
  readonly route?: { readonly path?: unknown; readonly methods?: Record<string, unknown>; readonly stack?: readonly { readonly handle?: unknown }[] };
}

interface StackHolder {
  readonly stack?: unknown;
  /** Express 4: the app's router, once `lazyrouter()` made it. */
  readonly lazyrouter?: unknown;
  readonly _router?: { readonly stack?: unknown };
  /** Express 5: a getter that makes the router on first read (Express 4's throws). */
  readonly router?: { readonly stack?: unknown };
}

/**
 * The router stack of an app or router, or undefined when it has none yet. `router` (Express 5's lazy
 * getter, which creates the router) is read only when `mayCreate` says the router is about to be created
 * anyway, so the app's routing settings are read at the moment Express itself would read them.
 */
function stackOf(host: object, mayCreate: boolean): readonly RouteLayerView[] | undefined {
  const h = host as StackHolder;
  if (Array.isArray(h.stack)) return h.stack as RouteLayerView[];
  if (typeof h.lazyrouter === 'function') return Array.isArray(h._router?.stack) ? (h._router.stack as RouteLayerView[]) : undefined;
  if (!mayCreate || !('router' in h)) return undefined;
  const stack = h.router?.stack;
  return Array.isArray(stack) ? (stack as RouteLayerView[]) : undefined;
}

/** `GET /admin` for each route of `host` whose handlers carry no apiward declaration. */
function unguardedRoutes(host: object, mayCreate: boolean, isDeclared: (handler: unknown) => boolean): string[] {
  const found: string[] = [];
  for (const layer of stackOf(host, mayCreate) ?? []) {
    const route = layer.route;
    if (route === undefined || (route.stack ?? []).some((l) => isDeclared(l.handle))) continue;
    const methods = Object.keys(route.methods ?? {}).filter((m) => m !== '_all').map((m) => m.toUpperCase());
    // `app.all` sets `_all` (Express 4) or every method one by one (Express 5).
    const all = route.methods?._all === true || METHODS.every((m) => methods.includes(m));
    found.push(`${all ? 'ALL' : methods.join(',')} ${String(route.path)}`);
  }
  return found;
}

/** Throws the start-up `TypeError` listing the routes protect() found unguarded, if any. */
export function assertNoUnguardedRoutes(host: object, mayCreate: boolean, isDeclared: (handler: unknown) => boolean): void {
  const open = unguardedRoutes(host, mayCreate, isDeclared);
  if (open.length === 0) return;
  throw new TypeError(
    `apiward: protect() cannot guard routes registered before it: ${open.join('; ')}. ` +
      'Call ward.protect(app) before registering routes, or declare each of these with an apiward marker (ward.public({ reason }), ward.requireAuth(), ward.leastPrivilege(...)).',
  );
}
