import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { RouteRef } from '../core/request-like';

/*
 * The route template of an Express request, built only from paths the app declared. Express's
 * `req.baseUrl` is the text the client sent for the mount (`/API/orders` under case-insensitive routing,
 * `/tenants/acme` under `app.use('/tenants/:t', router)`): keyed on it, every spelling or parameter value
 * would get its own AntiEnumeration budget, and events would carry raw values. It is never read here.
 *
 * A protected host learns its mounts when they are made (`recordMounts`), and puts a stamp middleware in
 * front of each mounted router: while that router dispatches, the request knows the declared mount chain
 * it is under. A route of a protected host joins that chain with its own declared path.
 */

const MOUNTS = Symbol('apiward.mountTemplates');
const UNIFORM_ROUTE = Symbol('apiward.uniformRoute');

type StampedRequest = Request & { [MOUNTS]?: Map<object, string>; [UNIFORM_ROUTE]?: RouteRef };

/** A declared path (string, RegExp, or an array of them) as text; constant for the route's lifetime. */
export function templateText(path: unknown): string {
  if (Array.isArray(path)) return path.map(templateText).join(',');
  return typeof path === 'string' ? path : String(path ?? '');
}

/** `prefix` + `path` without a doubled or trailing slash (`/api` + `/orders` → `/api/orders`; `` + `/` → `/`). */
function joinTemplate(prefix: string, path: string): string {
  const head = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (head === '') return path === '' ? '/' : path;
  if (path === '' || path === '/') return head;
  return path.startsWith('/') ? `${head}${path}` : `${head}/${path}`;
}

/** The declared mount prefix under which `host` is dispatching this request (`''` when not seen). */
function mountTemplate(req: Request, host: object): string {
  return (req as StampedRequest)[MOUNTS]?.get(host) ?? '';
}

/**
 * The middleware a protected host mounts right before `children` (`host.use(paths, stamp, ...children)`):
 * it records, for each child, the host's own declared prefix joined with the declared mount path. Several
 * declared paths in one `use([...])` are kept together (`/a,/b`): still declared text, never the client's.
 */
export function mountStamp(host: object, children: readonly object[], paths: readonly unknown[]): RequestHandler {
  const own = paths.length === 1 ? templateText(paths[0]) : paths.map(templateText).join(',');
  const mountPath = own === '/' ? '' : own;
  return function apiwardMount(req: Request, _res: Response, next: NextFunction): void {
    const stamped = req as StampedRequest;
    const prefix = joinTemplate(mountTemplate(req, host), mountPath);
    const mounts = stamped[MOUNTS] ?? (stamped[MOUNTS] = new Map<object, string>());
    for (const child of children) mounts.set(child, prefix === '/' ? '' : prefix);
    next();
  };
}

/** The template of a route registered on a protected host: the declared mount chain plus `path`. */
export function hostRoute(req: Request, host: object, path: string): RouteRef {
  return { method: req.method.toUpperCase(), path: joinTemplate(mountTemplate(req, host), path) };
}

/**
 * The template of a route guarded by a marker on a plain app or router: where that app or router is
 * mounted is unknown, so only the path the route itself was declared with (`req.route.path`) is used.
 * Routes with the same own path under different mounts then share their budgets (coarser, never finer).
 */
export function markerRoute(req: Request): RouteRef {
  return { method: req.method.toUpperCase(), path: templateText((req.route as { path?: unknown } | undefined)?.path) };
}

/** The guard hands its route template to a uniform handler of the same route (events name the template). */
export function rememberUniformRoute(req: Request, route: RouteRef): void {
  (req as StampedRequest)[UNIFORM_ROUTE] = route;
}

export function uniformRouteOf(req: Request): RouteRef {
  return (req as StampedRequest)[UNIFORM_ROUTE] ?? markerRoute(req);
}
