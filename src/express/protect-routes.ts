import { METHODS } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Apiward } from '../core/apiward';
import type { RouteRef } from '../core/request-like';
import type { RouteDeclaration } from '../core/route-declaration';
import { combineMarkers } from './combine-markers';
import { handlerName, recordMounts } from './mount-table';
import { declarationOf, guardMiddleware, markerOrUniform } from './guard-middleware';
import { hostRoute, templateText } from './declared-route';
import type { RouteRegistry } from './route-registry';
import { uniformOptionsOf } from './uniform-lookup-response';
import { assertNoUnguardedRoutes } from './unguarded-routes';

/** Anything with Express's `.route(path)`: an application or a router, Express 4 or 5. */
export interface RouteHost {
  route(path: never): unknown;
}

type AnyFunction = (this: unknown, ...args: unknown[]) => unknown;
type Methods = Record<string, AnyFunction>;

const VERBS: readonly string[] = [...METHODS.map((m) => m.toLowerCase()), 'all'];
const protectedHosts = new WeakSet<object>();

/**
 * Deny by default for an Express app or router: every route registered on it from now on runs the core
 * guard first. A route's `requireAuth(...)` / `public(...)` markers are taken out of its handler list and
 * merged into the one guard put in front, so authentication always runs before any other handler of the
 * route, exactly once, and a route with no marker at all still requires an authenticated principal.
 *
 * Every verb goes through `.route(path)`, because Express 4 and 5 reach the router differently from
 * `app.get` (Express 4 skips `app.route`); the verb methods are re-expressed on top of it.
 */
export function protectRoutes<T extends RouteHost>(host: T, ward: Apiward, registry: RouteRegistry): T {
  if (protectedHosts.has(host)) return host;
  // Routes already on the host would stay unguarded: refused now where the router can be read without
  // making it (Express 4 apps, routers), else at the first route or mount made through protect() (Express 5
  // makes an app's router then, and reads its routing settings then; reading it earlier would change that).
  assertNoUnguardedRoutes(host, false, isDeclared);
  protectedHosts.add(host);
  const methods = host as unknown as Methods;
  let checked = false;
  const checkOnce = (): void => {
    if (checked) return;
    assertNoUnguardedRoutes(host, true, isDeclared);
    checked = true;
  };
  const originalRoute = methods.route!;
  methods.route = function route(this: unknown, path: unknown): unknown {
    checkOnce();
    return protectRoute(originalRoute.call(this, path) as Methods, path, ward, registry, host);
  };
  recordMounts(host, registry.mounts);
  const mountingUse = methods.use;
  if (typeof mountingUse === 'function') {
    methods.use = function use(this: unknown, ...args: unknown[]): unknown {
      checkOnce();
      return mountingUse.apply(this, args);
    };
  }
  for (const verb of VERBS) {
    const original = methods[verb];
    if (typeof original !== 'function') continue;
    methods[verb] = function verbMethod(this: unknown, ...args: unknown[]): unknown {
      // `app.get('setting')` reads a setting, and a verb without handlers is Express's own error to raise.
      if (args.length < 2) return original.apply(this, args);
      const [path, ...handlers] = args;
      const route = (this as Methods).route!.call(this, path) as Methods;
      route[verb]!.apply(route, handlers);
      return this;
    };
  }
  return host;
}

/** A handler apiward put on a route: a marker, a guard, or a uniform lookup handler. */
const isDeclared = (handler: unknown): boolean => markerOrUniform(handler) !== undefined;

function protectRoute(route: Methods, path: unknown, ward: Apiward, registry: RouteRegistry, host: object): Methods {
  // The template events and budgets use: the declared mount chain (known per request, see
  // declared-route.ts) and this declared path, never the URL text the client sent.
  const template = templateText(path);
  const routeOf = (req: Request): RouteRef => hostRoute(req, host, template);
  for (const verb of VERBS) {
    const original = route[verb];
    if (typeof original !== 'function') continue;
    route[verb] = function verbMethod(this: unknown, ...handlers: unknown[]): unknown {
      const rest: unknown[] = [];
      const markers: RouteDeclaration[] = [];
      for (const handler of handlers.flat(Infinity)) {
        const marker = declarationOf(handler);
        if (marker === undefined) rest.push(handler);
        else markers.push(marker);
        // A uniform handler stays a handler; its declaration also goes to the registry (inventory).
        const uniformLookupResponse = uniformOptionsOf(handler);
        if (uniformLookupResponse !== undefined) markers.push({ uniformLookupResponse });
      }
      const declaration = combineMarkers(markers);
      registry.add(verb === 'all' ? 'ALL' : verb, path, declaration, handlerName(rest), host);
      const guard: RequestHandler = guardMiddleware(ward, declaration, routeOf);
      return original.call(this, guard, ...rest);
    };
  }
  return route;
}

