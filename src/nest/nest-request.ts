import type { IncomingHttpHeaders } from 'node:http';
import { ExpressRequestLike, type ExpressRequestView } from '../adapter-kit/express-request-like';
import type { Principal } from '../core/auth/principal';
import type { RequestLike, RouteRef } from '../core/request-like';
import type { ResponseHeaders } from '../core/errors/apiward-error';

/*
 * Structural views of the two platforms' request and response objects. apiward/nest does not import
 * express or fastify (an app installs only the platform it uses); it reads the few fields it needs.
 */
interface NodeRequestView {
  readonly method?: string;
  readonly url?: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaders: string[];
  readonly socket?: { readonly remoteAddress?: string } | null;
}

interface FastifyRequestView {
  readonly raw: NodeRequestView;
  readonly method: string;
  readonly routeOptions?: { readonly url?: string };
  readonly params?: unknown;
  readonly query?: unknown;
  readonly body?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Fastify wraps Node's request in `raw`; Express's request is Node's request. */
function isFastifyRequest(request: unknown): request is FastifyRequestView {
  return isObject(request) && isObject(request.raw) && Array.isArray(request.raw.rawHeaders);
}

const asRecord = (value: unknown): Readonly<Record<string, unknown>> | undefined => (isObject(value) ? value : undefined);

/** Translates the platform request into the core's `RequestLike` and the route template. */
export function toRequestLike(request: unknown): { readonly req: RequestLike; readonly route: RouteRef } {
  if (isFastifyRequest(request)) {
    const raw = request.raw;
    const method = (raw.method ?? request.method).toUpperCase();
    return {
      req: {
        method,
        url: raw.url ?? '',
        headers: raw.headers,
        rawHeaders: raw.rawHeaders,
        remoteAddress: raw.socket?.remoteAddress,
        params: asRecord(request.params),
        query: asRecord(request.query),
        body: request.body,
      },
      route: { method, path: request.routeOptions?.url ?? '' },
    };
  }
  const express = request as ExpressRequestView;
  const method = (express.method ?? '').toUpperCase();
  const template = express.route?.path;
  return {
    req: new ExpressRequestLike(express, method),
    // Nest registers every route with its full declared path (global prefix, version, controller), so
    // `route.path` is the whole template. `req.baseUrl` is never added: it is the URL text the client sent.
    route: { method, path: typeof template === 'string' ? template : String(template ?? '') },
  };
}

/**
 * Where the guard leaves the principal for `@Principal()` and the response interceptors: beside the
 * request, not on it. Adding a property to the platform's request object on every request costs more
 * than the rest of a cached authentication (the object changes shape), and Nest code reads the principal
 * through `@Principal()`, never from the request.
 */
const PRINCIPALS = new WeakMap<object, Principal>();

export function setPrincipal(request: unknown, principal: Principal): void {
  if (isObject(request)) PRINCIPALS.set(request, principal);
}

export function principalOf(request: unknown): Principal | undefined {
  return isObject(request) ? PRINCIPALS.get(request) : undefined;
}

/**
 * Puts the error's headers (`WWW-Authenticate`, `Retry-After`, …) on the platform response before Nest's
 * exception layer writes the status and body: Fastify through `reply.header` (it owns the header list it
 * sends), Express through Node's `setHeader`.
 */
export function setResponseHeaders(response: unknown, headers: ResponseHeaders): void {
  if (!isObject(response)) return;
  const entries = Object.entries(headers);
  if (entries.length === 0) return;
  const set = 'raw' in response && typeof response.header === 'function' ? response.header : response.setHeader;
  if (typeof set !== 'function') return;
  for (const [name, value] of entries) (set as (n: string, v: string) => unknown).call(response, name, value);
}
