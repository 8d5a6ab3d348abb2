import { evaluateOwnership } from '../../../src/core/privilege/evaluate-ownership';
import type { OwnershipContext, OwnershipPolicyFn } from '../../../src/core/privilege/ownership-policy';
import { principal } from '../../support/principals';

const ctx: OwnershipContext = {
  principal: principal({ subject: '10002' }),
  params: { id: '10002' },
  query: {},
  body: undefined,
  req: { method: 'GET', url: '/customers/10002', headers: {} },
  ids: { id: 10002 },
};

describe('evaluateOwnership', () => {
  it('allows only on the boolean true', async () => {
    expect(await evaluateOwnership((c) => c.principal.subject === String(c.ids.id), ctx)).toBe('allowed');
    expect(await evaluateOwnership(async () => true, ctx)).toBe('allowed');
    expect(await evaluateOwnership({ check: () => true }, ctx)).toBe('allowed');
  });

  it('denies on false', async () => {
    expect(await evaluateOwnership(() => false, ctx)).toBe('denied');
    expect(await evaluateOwnership(async () => false, ctx)).toBe('denied');
  });

  it('denies a policy that throws or rejects', async () => {
    expect(
      await evaluateOwnership(() => {
        throw new Error('db down');
      }, ctx),
    ).toBe('threw');
    expect(await evaluateOwnership(() => Promise.reject(new Error('db down')), ctx)).toBe('rejected');
    expect(await evaluateOwnership({ check: () => Promise.reject(undefined) }, ctx)).toBe('rejected');
  });

  it.each([['yes'], [1], [{}], [null], [undefined], ['true'], [[true]]])('denies the non-boolean %j (sync and async)', async (value) => {
    const policy = (() => value) as unknown as OwnershipPolicyFn;
    expect(await evaluateOwnership(policy, ctx)).toBe('non_boolean');
    expect(await evaluateOwnership((async () => value) as unknown as OwnershipPolicyFn, ctx)).toBe('non_boolean');
  });

  it('denies a missing policy, or an object without check', async () => {
    expect(await evaluateOwnership(undefined, ctx)).toBe('missing_policy');
    expect(await evaluateOwnership({} as never, ctx)).toBe('missing_policy');
  });

  it('calls check with its object as `this` (class policies keep their dependencies)', async () => {
    class TenantPolicy {
      private readonly tenant = 't1';
      check(c: OwnershipContext): boolean {
        return c.principal.claims.tenant === this.tenant;
      }
    }
    const claims = Object.assign(Object.create(null) as Record<string, unknown>, { tenant: 't1' });
    expect(await evaluateOwnership(new TenantPolicy(), { ...ctx, principal: principal({ claims }) })).toBe('allowed');
  });

  it('denies a thenable that resolves to a non-boolean', async () => {
    const thenable = { then: (resolve: (v: unknown) => void) => resolve('yes') };
    expect(await evaluateOwnership((() => thenable) as unknown as OwnershipPolicyFn, ctx)).toBe('non_boolean');
  });
});
