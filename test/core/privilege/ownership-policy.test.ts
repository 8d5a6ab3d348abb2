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
    expect(toOwnershipDeclaration(TenantPolicy, { ids: ['id'] }).policyName).toBe('TenantPolicy');
    expect(toOwnershipDeclaration(new TenantPolicy(), { ids: ['id'] }).policyName).toBe('TenantPolicy');
    expect(toOwnershipDeclaration({ check: () => true }, { ids: ['id'] }).policyName).toBe('(policy object)');
    expect(toOwnershipDeclaration([() => true][0], { ids: ['id'] }).policyName).toBe('(anonymous)');
  });

  it('records a missing policy instead of failing open', () => {
    const d = toOwnershipDeclaration(undefined, { ids: ['id'] });
    expect(d.policy).toBeUndefined();
    expect(d.policyName).toBe('(missing)');
  });

  it('resolves a per-route not-found answer', () => {
    expect(toOwnershipDeclaration(ownsCustomer, { ids: ['id'], notFound: { body: { error: 'no such customer' } } }).notFound).toEqual({
      status: 404,
      body: { error: 'no such customer' },
      headers: {},
    });
  });

  it.each([
    ['no options', undefined],
    ['no ids', { onDenied: 'forbidden' }],
    ['an empty ids list', { ids: [] }],
    ['ids that is not a list', { ids: 'id' }],
  ])('requires a non-empty ids list, naming Owns.ids / owns.ids (%s)', (_label, options) => {
    for (const path of ['Owns', 'owns']) {
      let thrown: unknown;
      try {
        toOwnershipDeclaration(ownsCustomer, options, path);
      } catch (err: unknown) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect((thrown as TypeError).message).toContain(`"${path}.ids" is required`);
    }
  });

  it('names the bad entry of ids by its path', () => {
    expect(() => toOwnershipDeclaration(ownsCustomer, { ids: ['id', { param: 'x', kind: 'int' }] }, 'owns')).toThrow(/"owns\.ids\[1\]\.kind"/);
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
