import { isDeclared, mergeDeclarations, type RouteDeclaration } from '../../src/core/route-declaration';

const open: RouteDeclaration = { public: { reason: 'health probe' } };

describe('mergeDeclarations', () => {
  it('keeps the outer declaration when the handler declares nothing', () => {
    expect(mergeDeclarations({ requireAuth: { mfa: true } }, {})).toEqual({ requireAuth: { mfa: true } });
    expect(mergeDeclarations(open, {})).toEqual(open);
    expect(mergeDeclarations({}, {})).toEqual({});
  });

  it('lets a handler @Public open a route under a class-level RequireAuth', () => {
    expect(mergeDeclarations({ requireAuth: { mfa: true } }, open)).toEqual(open);
  });

  it('keeps the route closed when the handler declares both Public and RequireAuth', () => {
    expect(mergeDeclarations({ requireAuth: {} }, { public: { reason: 'x' }, requireAuth: {} })).toEqual({ requireAuth: {} });
    expect(mergeDeclarations({}, { public: { reason: 'x' }, requireAuth: { mfa: true } })).toEqual({ requireAuth: { mfa: true } });
  });

  it('lets a handler RequireAuth close a class-level @Public', () => {
    expect(mergeDeclarations(open, { requireAuth: { accept: ['jwt'] } })).toEqual({ requireAuth: { accept: ['jwt'] } });
  });

  it('prefers the handler reason when both levels are public', () => {
    expect(mergeDeclarations(open, { public: { reason: 'status page' } })).toEqual({ public: { reason: 'status page' } });
  });

  it('tightens: mfa if either asks, the smallest maxAuthAgeMs, the intersection of accepted kinds', () => {
    const merged = mergeDeclarations(
      { requireAuth: { mfa: true, maxAuthAgeMs: 600_000, accept: ['jwt', 'apiKey'] } },
      { requireAuth: { mfa: false, maxAuthAgeMs: 60_000, accept: ['apiKey'] } },
    );
    expect(merged).toEqual({ requireAuth: { mfa: true, maxAuthAgeMs: 60_000, accept: ['apiKey'] } });
    expect(mergeDeclarations({ requireAuth: { maxAuthAgeMs: 1_000 } }, { requireAuth: { maxAuthAgeMs: 5_000, mfa: true } })).toEqual({
      requireAuth: { maxAuthAgeMs: 1_000, mfa: true },
    });
  });

  it('never loosens by omission: a handler without a field keeps the outer one', () => {
    expect(mergeDeclarations({ requireAuth: { accept: ['jwt'], mfa: true } }, { requireAuth: {} })).toEqual({
      requireAuth: { accept: ['jwt'], mfa: true },
    });
  });

  it('closes the route to every kind when the accepted kinds do not intersect', () => {
    expect(mergeDeclarations({ requireAuth: { accept: ['jwt'] } }, { requireAuth: { accept: ['apiKey'] } })).toEqual({ requireAuth: { accept: [] } });
  });
});

describe('isDeclared', () => {
  it('is false only for a route without any declaration', () => {
    expect(isDeclared({})).toBe(false);
    expect(isDeclared(open)).toBe(true);
    expect(isDeclared({ requireAuth: {} })).toBe(true);
  });
});
