import type { Response } from 'express';
import type { Apiward } from '../core/apiward';
import type { Principal } from '../core/auth/principal';
import type { RouteDeclaration } from '../core/route-declaration';

/**
 * `exposeFields(...)` on Express: whatever the handler passes to `res.json` / `res.jsonp` (and `res.send`
 * with an object, which goes through `res.json`) is reduced to the allowed fields first. Only this
 * response object is changed, and only on routes that declare exposure. A string or Buffer given to
 * `res.send` has no fields and is not touched.
 */
export function exposeResponse(res: Response, ward: Apiward, declaration: RouteDeclaration, principal: Principal | undefined): void {
  for (const method of ['json', 'jsonp'] as const) {
    const original = res[method];
    if (typeof original !== 'function') continue;
    Object.defineProperty(res, method, {
      value: function exposed(this: Response, body?: unknown): Response {
        return original.call(this, ward.privilege.expose(body, declaration, principal));
      },
      configurable: true,
      writable: true,
    });
  }
}
