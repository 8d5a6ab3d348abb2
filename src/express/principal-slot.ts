import type { Request } from 'express';
import type { Principal } from '../core/auth/principal';

const PRINCIPALS = new WeakMap<object, Principal>();
const prototypesWithSlot = new WeakSet<object>();

/**
 * `req.principal = principal`, through an accessor on the request's prototype (the app's `app.request`)
 * backed by a WeakMap. Adding a new own property to Express's request object on every request changes
 * its shape, and that alone cost more than the rest of a cached authentication; reading and assigning
 * `req.principal` work as before (the typed, documented API). A request whose prototype cannot take the
 * accessor (frozen, or `principal` already defined there by someone else) gets a plain property.
 */
export function setRequestPrincipal(req: Request, principal: Principal): void {
  const proto: unknown = Object.getPrototypeOf(req);
  if (typeof proto === 'object' && proto !== null && !prototypesWithSlot.has(proto)) installSlot(proto);
  req.principal = principal;
}

function installSlot(proto: object): void {
  prototypesWithSlot.add(proto);
  if (Object.isFrozen(proto) || Object.prototype.hasOwnProperty.call(proto, 'principal')) return;
  Object.defineProperty(proto, 'principal', {
    configurable: true,
    enumerable: false,
    get(this: object): Principal | undefined {
      return PRINCIPALS.get(this);
    },
    set(this: object, value: Principal | undefined) {
      if (value === undefined) PRINCIPALS.delete(this);
      else PRINCIPALS.set(this, value);
    },
  });
}
