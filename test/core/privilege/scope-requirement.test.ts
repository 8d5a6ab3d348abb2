import { mergeScopeRequirements, requiredScopes, toScopeRequirement } from '../../../src/core/privilege/scope-requirement';

describe('toScopeRequirement', () => {
  it('reads strings as allOf', () => {
    expect(toScopeRequirement(['orders:read', 'orders:write'])).toEqual({ allOf: ['orders:read', 'orders:write'], anyOf: [], stepUp: undefined });
  });

  it('reads { anyOf } as one group', () => {
    expect(toScopeRequirement([{ anyOf: ['customers:read', 'customers:read:any'] }])).toEqual({
      allOf: [],
      anyOf: [['customers:read', 'customers:read:any']],
      stepUp: undefined,
    });
  });

  it('takes a trailing step-up object', () => {
    expect(toScopeRequirement(['admin:accounts', { mfa: true, maxAuthAgeMs: 600_000 }])).toEqual({
      allOf: ['admin:accounts'],
      anyOf: [],
      stepUp: { mfa: true, maxAuthAgeMs: 600_000 },
    });
    expect(toScopeRequirement(['a', { mfa: false }]).stepUp).toBeUndefined();
  });

  it('deduplicates and freezes', () => {
    const r = toScopeRequirement(['a', 'a', { allOf: ['a', 'b'] }]);
    expect(r.allOf).toEqual(['a', 'b']);
    expect(Object.isFrozen(r.allOf)).toBe(true);
  });

  it.each([
    [[], /at least one scope/],
    [[{ mfa: true }], /at least one scope/],
    [['orders read'], /scope-token/],
    [['orders"read'], /scope-token/],
    [['a,b'], /scope-token/],
    [['a\u0000b'], /scope-token/],
    [[''], /scope-token/],
    [[42], /scope string or an options object/],
    [[{ anyOf: [] }], /must not be empty/],
    [[{ anyof: ['a'] }], /not a known option/],
    [[{ anyOf: ['a'] }, 'b'], /must be the last argument/],
    [['a', { mfa: 'yes' }], /mfa.*boolean/],
    [['a', { maxAuthAgeMs: 10 }], /maxAuthAgeMs/],
    [['a', { maxAuthAgeMs: 1.5e3 + 0.5 }], /maxAuthAgeMs/],
  ])('refuses %j at start-up with a TypeError naming the option', (args, message) => {
    expect(() => toScopeRequirement(args as unknown[])).toThrow(TypeError);
    expect(() => toScopeRequirement(args as unknown[])).toThrow(message);
  });
});

describe('mergeScopeRequirements', () => {
  it('requires both levels: union of allOf, every anyOf group, the stricter step-up', () => {
    const outer = toScopeRequirement(['orders:read', { anyOf: ['a', 'b'], maxAuthAgeMs: 600_000 }]);
    const inner = toScopeRequirement(['orders:write', { mfa: true, maxAuthAgeMs: 60_000 }]);
    expect(mergeScopeRequirements(outer, inner)).toEqual({
      allOf: ['orders:read', 'orders:write'],
      anyOf: [['a', 'b']],
      stepUp: { mfa: true, maxAuthAgeMs: 60_000 },
    });
  });

  it('keeps one side when the other is absent', () => {
    const only = toScopeRequirement(['x']);
    expect(mergeScopeRequirements(only, undefined)).toBe(only);
    expect(mergeScopeRequirements(undefined, only)).toBe(only);
    expect(mergeScopeRequirements(undefined, undefined)).toBeUndefined();
  });
});

describe('requiredScopes', () => {
  it('lists allOf then the anyOf alternatives, once each', () => {
    expect(requiredScopes(toScopeRequirement(['a', { anyOf: ['b', 'a', 'c'] }]))).toEqual(['a', 'b', 'c']);
  });
});
