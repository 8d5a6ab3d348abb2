import type { Request } from 'express';
import type { RouteDeclaration } from '../core/route-declaration';
import { combineMarkers } from './combine-markers';

/** The parts of Express 4/5's `req.route` read here. */
interface RouteView {
  readonly stack?: readonly { readonly method?: string; readonly handle?: unknown }[];
}

const GUARDED = Symbol('apiward.guardedRoute');
const combinedByRoute = new WeakMap<object, Map<string, { readonly declaration: RouteDeclaration; readonly siblings: boolean }>>();

type GuardedRequest = Request & { [GUARDED]?: object };

/**
 * The declaration a marker middleware enforces. On a protected app or router the markers of a route are
 * already combined into one guard. Used on a plain app (`app.get('/x', ward.anyAuthenticated(...),
 * ward.owns(...), handler)`), each marker is its own middleware: the first one to run enforces the
 * combination of every marker of the route (read from `req.route.stack`), and the others step aside, so
 * the rules are checked once and together (strict authorization sees the route's scopes, not one marker's).
 * Returns `undefined` when a sibling already guarded this route for this request.
 *
 * Used with `app.use(...)` (no route), a marker enforces only its own declaration: a gate in front of many
 * routes must itself say who may pass (`anyAuthenticated({ reason })` or `leastPrivilege(...)`).
 */
export function routeDeclaration(req: Request, own: RouteDeclaration, declarationOf: (handler: unknown) => RouteDeclaration | undefined): RouteDeclaration | undefined {
  const route = (req as { route?: unknown }).route;
  if (typeof route !== 'object' || route === null || !Array.isArray((route as RouteView).stack)) return own;
  const method = req.method.toLowerCase();
  let perMethod = combinedByRoute.get(route);
  if (perMethod === undefined) combinedByRoute.set(route, (perMethod = new Map()));
  let combined = perMethod.get(method);
  if (combined === undefined) {
    const markers = ((route as RouteView).stack ?? [])
      .filter((layer) => layer.method === undefined || layer.method === method || (method === 'head' && layer.method === 'get'))
      .map((layer) => declarationOf(layer.handle))
      .filter((declaration): declaration is RouteDeclaration => declaration !== undefined);
    // One marker (always the case on a protected host, where markers are combined up front) is used as is.
    combined = markers.length <= 1 ? { declaration: markers[0] ?? own, siblings: false } : { declaration: combineMarkers(markers), siblings: true };
    perMethod.set(method, combined);
  }
  // Only a route with several markers needs to remember, on the request, that one of them already ran:
  // a property added to the request on every request has a cost, and a lone marker has no sibling.
  if (!combined.siblings) return combined.declaration;
  const guarded = req as GuardedRequest;
  if (guarded[GUARDED] === route) return undefined;
  guarded[GUARDED] = route;
  return combined.declaration;
}
