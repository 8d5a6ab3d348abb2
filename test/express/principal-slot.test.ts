import type { Request } from 'express';
import type { Principal } from '../../src/core/auth/principal';
import { setRequestPrincipal } from '../../src/express/principal-slot';

const principal = (subject: string): Principal => ({ subject, scopes: [], credential: 'jwt', claims: {}, amr: [] }) as unknown as Principal;

describe('setRequestPrincipal', () => {
  it('makes req.principal readable without adding an own property to the request', () => {
    const proto = {};
    const req = Object.create(proto) as Request;
    setRequestPrincipal(req, principal('alice'));
    expect(req.principal?.subject).toBe('alice');
    expect(Object.prototype.hasOwnProperty.call(req, 'principal')).toBe(false);
    // Another request of the same app has its own slot.
    const other = Object.create(proto) as Request;
    expect(other.principal).toBeUndefined();
    setRequestPrincipal(other, principal('bob'));
    expect([req.principal?.subject, other.principal?.subject]).toEqual(['alice', 'bob']);
  });

  it('lets later code assign req.principal as before', () => {
    const req = Object.create({}) as Request;
    setRequestPrincipal(req, principal('alice'));
    req.principal = principal('carol');
    expect(req.principal.subject).toBe('carol');
  });

  it('falls back to a plain property when the prototype is frozen or already defines principal', () => {
    const frozen = Object.create(Object.freeze({})) as Request;
    setRequestPrincipal(frozen, principal('dave'));
    expect(frozen.principal?.subject).toBe('dave');
    const taken = Object.create({ principal: undefined }) as Request;
    setRequestPrincipal(taken, principal('erin'));
    expect(taken.principal?.subject).toBe('erin');
  });
});
