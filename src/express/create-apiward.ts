import { Router, type RequestHandler, type RouterOptions } from 'express';
import { Apiward, type ApiwardOptions, type ApiwardRuntime } from '../core/apiward';
import type { RequireAuthRequirement } from '../core/auth/require-auth-requirement';
import { resolvePublicDeclaration, resolveRequireAuthRequirement, type PublicDeclaration } from '../core/route-declaration';
import { consoleEventLog } from './console-event-log';
import { guardMiddleware } from './guard-middleware';
import { protectRoutes, type RouteHost } from './protect-routes';
import { RouteRegistry, type RegisteredRoute } from './route-registry';
import { expressPrivilege, type ExpressPrivilege } from './privilege-markers';
import { uniformLookupResponse, type UniformRequestHandler, type UniformRouteHandler } from './uniform-lookup-response';
import type { UniformLookupResponseOptions } from '../core/uniform/uniform-lookup-response-options';
import { resolveAntiEnumerationRoute, type AntiEnumerationRoute } from '../core/enumeration/anti-enumeration-route';
import { unknownRoutesMiddleware } from './unknown-routes';
import { isExpressApp, proxySettingWarning } from './proxy-setting-warning';

/** apiward for one Express app: the engine, its middleware, and deny-by-default routers. */
export interface ExpressApiward extends ExpressPrivilege {
  /** The framework-free engine behind the middleware. */
  readonly engine: Apiward;
  /**
   * Requires an authenticated principal (and what `requirement` adds: accepted kinds, step-up). Use it
   * on a plain route, or as a marker on a protected router's route to tighten its requirement.
   */
  requireAuth(requirement?: RequireAuthRequirement): RequestHandler;
  /** Marks a route of a protected router as open on purpose; `reason` is required. */
  public(options: PublicDeclaration): RequestHandler;
  /** An Express `Router` whose routes require authentication unless marked `public(...)`. */
  router(options?: RouterOptions): ReturnType<typeof Router>;
  /** Makes an existing app's or router's routes (registered from now on) deny by default. */
  protect<T extends RouteHost>(host: T): T;
  /** Every route registered through `router()` / `protect()`, with its declaration. */
  routes(): readonly RegisteredRoute[];
  /**
   * Wraps a lookup / sign-up / reset-request handler so that every outcome sends exactly the configured
   * answer at the deadline; `handler(req, defer)` runs the lookup, `defer(work)` what follows the answer.
   */
  uniformLookupResponse(options: UniformLookupResponseOptions, handler: UniformRouteHandler): UniformRequestHandler;
  /**
   * Per-client budgets on this route (requests, distinct identifiers, misses, consecutive ids, per target)
   * and the identifier canonicalised before the handler reads it; module defaults from `antiEnumeration`.
   */
  antiEnumeration(route?: AntiEnumerationRoute): RequestHandler;
  /**
   * Mount after every route (`app.use(ward.unknownRoutes())`): with `antiEnumeration.unknownRoutes` on,
   * counts unmatched requests per client and answers 429 once the budget is spent; otherwise passes on
   * to the app's 404.
   */
  unknownRoutes(): RequestHandler;
}

/**
 * Builds apiward for Express 4 or 5. Options are validated here: a bad option throws its `TypeError`
 * when the app starts. Events go to `options.onSecurityEvent`, else one console line each.
 */
export function createApiward(options: ApiwardOptions, runtime: ApiwardRuntime = {}): ExpressApiward {
  const engine = Apiward.create(options, { log: consoleEventLog, ...runtime });
  const registry = new RouteRegistry();
  const proxyCheck = options.antiEnumeration === undefined ? undefined : proxySettingWarning(engine);
  proxyCheck?.({});
  const protect = <T extends RouteHost>(host: T): T => {
    // Read before protectRoutes wraps the verbs: on an app, `get(name)` with one argument is a setting.
    if (isExpressApp(host)) proxyCheck?.({ frameworkTrustProxy: host.get('trust proxy') });
    return protectRoutes(host, engine, registry);
  };
  return {
    engine,
    requireAuth: (requirement = {}) => guardMiddleware(engine, { requireAuth: resolveRequireAuthRequirement(requirement, 'requireAuth') }),
    public: (declaration) => guardMiddleware(engine, { public: resolvePublicDeclaration(declaration, 'public') }),
    router: (routerOptions) => protect(Router(routerOptions)),
    protect,
    routes: () => registry.list(),
    uniformLookupResponse: (uniformOptions, handler) => uniformLookupResponse(engine, uniformOptions, handler),
    antiEnumeration: (route) => guardMiddleware(engine, { antiEnumeration: resolveAntiEnumerationRoute(route, 'antiEnumeration') }),
    unknownRoutes: () => unknownRoutesMiddleware(engine),
    ...expressPrivilege(engine, registry),
  };
}
