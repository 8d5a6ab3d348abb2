import { toAnyAuthenticated } from '../../../src/core/privilege/any-authenticated';
import { toExposureDeclaration } from '../../../src/core/privilege/exposure';
import { toOwnershipDeclaration } from '../../../src/core/privilege/ownership-policy';
import { mergePrivilegeDeclarations, requiresPrincipal } from '../../../src/core/privilege/privilege-declaration';
import { toScopeRequirement } from '../../../src/core/privilege/scope-requirement';
import { mergeDeclarations } from '../../../src/core/route-declaration';

const read = toScopeRequirement(['orders:read']);
const write = toScopeRequirement(['orders:write', { mfa: true }]);
const open = { public: { reason: 'status page' } };
const any = toAnyAuthenticated({ reason: 'any user' });

describe('mergePrivilegeDeclarations', () => {
  it('requires the scopes of both levels', () => {
    expect(mergePrivilegeDeclarations({ leastPrivilege: read }, { leastPrivilege: write }).leastPrivilege).toEqual({
      allOf: ['orders:read', 'orders:write'],
      anyOf: [],
      stepUp: { mfa: true },
    });
  });

  it('a handler AnyAuthenticated does not remove the controller scopes', () => {
    expect(mergePrivilegeDeclarations({ leastPrivilege: read }, { anyAuthenticated: any })).toEqual({ leastPrivilege: read, anyAuthenticated: any });
  });

  it('a handler Public opens the route: the controller scope requirement is dropped', () => {
    expect(mergePrivilegeDeclarations({ leastPrivilege: read, anyAuthenticated: any }, open)).toEqual({});
  });

  it('runs every ownership policy, controller first, and keeps them under a handler Public', () => {
    const outer = toOwnershipDeclaration(() => true, { ids: ['id'] });
    const inner = toOwnershipDeclaration(() => true, { ids: ['id'] });
    expect(mergePrivilegeDeclarations({ ownership: [outer] }, { ownership: [inner] }).ownership).toEqual([outer, inner]);
    expect(mergePrivilegeDeclarations({ ownership: [outer] }, open).ownership).toEqual([outer]);
  });

  it("a handler's ExposeFields replaces the controller's", () => {
    const a = toExposureDeclaration({ base: ['id'] });
    const b = toExposureDeclaration({ base: ['id', 'name'] });
    expect(mergePrivilegeDeclarations({ exposure: a }, { exposure: b }).exposure).toBe(b);
    expect(mergePrivilegeDeclarations({ exposure: a }, {}).exposure).toBe(a);
  });

  it('requiresPrincipal', () => {
    expect(requiresPrincipal({ leastPrivilege: read })).toBe(true);
    expect(requiresPrincipal({ anyAuthenticated: any })).toBe(true);
    expect(requiresPrincipal({ exposure: toExposureDeclaration({ base: ['id'] }) })).toBe(false);
  });
});

describe('mergeDeclarations with LeastPrivilege fields', () => {
  it('keeps them on the merged declaration', () => {
    expect(mergeDeclarations({ leastPrivilege: read }, {})).toEqual({ leastPrivilege: read });
  });

  it('a scope requirement closes a controller-level Public', () => {
    expect(mergeDeclarations(open, { leastPrivilege: read })).toEqual({ leastPrivilege: read });
  });

  it('Public and LeastPrivilege on the same handler are read the closed way', () => {
    expect(mergeDeclarations({}, { ...open, leastPrivilege: read })).toEqual({ leastPrivilege: read });
    expect(mergeDeclarations({}, { ...open, anyAuthenticated: any })).toEqual({ anyAuthenticated: any });
  });

  it('a handler Public under a controller LeastPrivilege stays public', () => {
    expect(mergeDeclarations({ leastPrivilege: read }, open)).toEqual(open);
  });
});
