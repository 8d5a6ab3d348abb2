import { applyRouteDefaults, mergeAntiEnumerationDeclarations, resolveAntiEnumerationRoute } from '../../../src/core/enumeration/anti-enumeration-route';
import { DEFAULT_BUDGETS } from '../../../src/core/enumeration/budgets';
import { resolveAntiEnumerationOptions } from '../../../src/core/enumeration/anti-enumeration-options';
import { minutes } from '../../../src/core/util/duration';

const moduleOptions = resolveAntiEnumerationOptions(undefined, 'antiEnumeration');
const resolve = (route: unknown, options = moduleOptions) => applyRouteDefaults(resolveAntiEnumerationRoute(route, 'route'), options.defaults, options.onStoreError);

describe('AntiEnumerationRoute', () => {
  it('applies the documented defaults where they make sense', () => {
    const byId = resolve({ identifier: 'param:id', kind: 'numeric-id' });
    expect(byId.requests).toEqual(DEFAULT_BUDGETS.requests);
    expect(byId.distinct).toEqual(DEFAULT_BUDGETS.distinct);
    expect(byId.misses).toEqual(DEFAULT_BUDGETS.misses);
    expect(byId.consecutive).toEqual(DEFAULT_BUDGETS.consecutive);
    expect(byId.perTarget).toEqual([]);
    expect(byId.delay).toEqual(DEFAULT_BUDGETS.delay);
    expect(byId.onStoreError).toBe('fail-closed');
    const byEmail = resolve({ identifier: 'query:email', kind: 'email' });
    expect(byEmail.consecutive).toBeUndefined();
    expect(byEmail.perTarget).toEqual(DEFAULT_BUDGETS.perTarget);
    const plain = resolve({});
    expect([plain.distinct, plain.perTarget, plain.consecutive, plain.identifiers]).toEqual([[], [], undefined, []]);
  });

  it('lets a route turn a budget off or replace it, and the module change the defaults', () => {
    const off = resolve({ identifier: 'param:id', kind: 'numeric-id', requests: false, misses: [], consecutive: false, delay: false });
    expect([off.requests, off.misses, off.consecutive, off.delay]).toEqual([[], [], undefined, undefined]);
    const custom = resolve({ identifier: 'param:id', perTarget: [{ limit: 3, windowMs: minutes(1) }] });
    expect(custom.perTarget).toEqual([{ limit: 3, windowMs: minutes(1) }]);
    const withModule = resolveAntiEnumerationOptions({ defaults: { requests: [{ limit: 7, windowMs: minutes(1) }], misses: false }, onStoreError: 'insurance' }, 'ae');
    const r = resolve({}, withModule);
    expect([r.requests, r.misses, r.onStoreError]).toEqual([[{ limit: 7, windowMs: minutes(1) }], [], 'insurance']);
    expect(resolve({ onStoreError: 'fail-closed' }, withModule).onStoreError).toBe('fail-closed');
  });

  it.each([
    [{ identifer: 'param:id' }, /route\.identifer/],
    [{ identifier: 'params:id' }, /route\.identifier/],
    [{ identifier: 'query:__proto__' }, /route\.identifier/],
    [{ identifier: 'param:id', kind: 'uuid' }, /route\.kind/],
    [{ kind: 'email' }, /route\.kind.*needs an identifier/],
    [{ distinct: [{ limit: 3, windowMs: 60_000 }] }, /route\.distinct.*needs an identifier/],
    [{ identifier: 'query:email', kind: 'email', consecutive: { limit: 3, windowMs: 60_000 } }, /route\.consecutive.*numeric-id/],
    [{ requests: [{ limit: 0, windowMs: 60_000 }] }, /route\.requests\[0\]\.limit/],
    [{ requests: [{ limit: 70_000, windowMs: 60_000 }] }, /route\.requests\[0\]\.limit/],
    [{ requests: [{ limit: 3, windowMs: 10 }] }, /route\.requests\[0\]\.windowMs/],
    [{ requests: [{ limit: 3 }] }, /route\.requests\[0\]\.windowMs.*required/],
    [{ requests: [{ limit: 3, windowMs: 60_000, burst: 2 }] }, /route\.requests\[0\]\.burst/],
    [{ requests: [{ limit: 3, windowMs: 60_000 }, { limit: 5, windowMs: 60_000 }] }, /route\.requests.*repeat/],
    [{ requests: { limit: 3, windowMs: 60_000 } }, /route\.requests/],
    [{ delay: { afterRatio: 1 } }, /route\.delay\.afterRatio/],
    [{ onStoreError: 'fail-open' }, /route\.onStoreError/],
    [{ identifier: [{ from: 'query:email', kind: 'email' }], kind: 'email' }, /route\.kind/],
    [{ identifier: [{ from: 'query:email', type: 'email' }] }, /route\.identifier\[0\]\.type/],
  ])('rejects %j', (route, message) => {
    expect(() => resolveAntiEnumerationRoute(route, 'route')).toThrow(message);
  });
});

describe('mergeAntiEnumerationDeclarations', () => {
  it('lets the handler replace its controller field by field and inherit the rest', () => {
    const controller = resolveAntiEnumerationRoute({ requests: [{ limit: 9, windowMs: minutes(1) }], misses: false }, 'c');
    const handler = resolveAntiEnumerationRoute({ identifier: 'param:id', kind: 'numeric-id', misses: [{ limit: 2, windowMs: minutes(1) }] }, 'h');
    const merged = mergeAntiEnumerationDeclarations(controller, handler);
    expect(merged?.requests).toEqual([{ limit: 9, windowMs: minutes(1) }]);
    expect(merged?.misses).toEqual([{ limit: 2, windowMs: minutes(1) }]);
    expect(merged?.identifiers?.[0]?.kind).toBe('numeric-id');
    expect(mergeAntiEnumerationDeclarations(undefined, handler)).toBe(handler);
    expect(mergeAntiEnumerationDeclarations(controller, undefined)).toBe(controller);
  });
});
