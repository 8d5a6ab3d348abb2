import { isOwnershipPolicyClass, toOwnershipDeclaration, type OwnershipContext } from '../../../src/core/privilege/ownership-policy';

function ownsCustomer(ctx: OwnershipContext): boolean {
  return ctx.principal.subject === String(ctx.ids.id);
}

class TenantPolicy {
  check(): boolean {
    return true;
  }
}

describe('toOwnershipDeclaration', () => {
  it('records the policy, its name, the ids and the answer', () => {
    const d = toOwnershipDeclaration(ownsCustomer, { ids: ['id'], onDenied: 'forbidden' });
    expect(d).toMatchObject({ policy: ownsCustomer, policyName: 'ownsCustomer', ids: [{ param: 'id', in: 'any', kind: 'numeric-id' }], onDenied: 'forbidden' });
    expect(d.notFound).toBeUndefined();
  });

  it('names classes, policy objects and anonymous functions', () => {
    expect(toOwnershipDeclaration(TenantPolicy, undefined).policyName).toBe('TenantPolicy');
    expect(toOwnershipDeclaration(new TenantPolicy(), undefined).policyName).toBe('TenantPolicy');
    expect(toOwnershipDeclaration({ check: () => true }, undefined).policyName).toBe('(policy object)');
    expect(toOwnershipDeclaration([() => true][0], undefined).policyName).toBe('(anonymous)');
  });

  it('records a missing policy instead of failing open', () => {
    const d = toOwnershipDeclaration(undefined, { ids: ['id'] });
    expect(d.policy).toBeUndefined();
    expect(d.policyName).toBe('(missing)');
  });

  it('resolves a per-route not-found answer', () => {
    expect(toOwnershipDeclaration(ownsCustomer, { notFound: { body: { error: 'no such customer' } } }).notFound).toEqual({
      status: 404,
      body: { error: 'no such customer' },
      headers: {},
    });
  });

  it.each([[42, undefined], ['policy', undefined], [ownsCustomer, { onDenied: '404' }], [ownsCustomer, { id: ['id'] }], [ownsCustomer, 'id']])(
    'refuses policy %p with options %j',
    (policy, options) => expect(() => toOwnershipDeclaration(policy, options)).toThrow(TypeError),
  );
});

describe('isOwnershipPolicyClass', () => {
  it('tells a policy class from a policy function', () => {
    expect(isOwnershipPolicyClass(TenantPolicy)).toBe(true);
    expect(isOwnershipPolicyClass(ownsCustomer)).toBe(false);
    expect(isOwnershipPolicyClass(() => true)).toBe(false);
    expect(isOwnershipPolicyClass(new TenantPolicy())).toBe(false);
  });
});
