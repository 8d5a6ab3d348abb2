import { DEFAULT_SECOND_FACTORS } from '../../../src/core/auth/auth-options';
import { ApiwardError } from '../../../src/core/errors/apiward-error';
import type { SecurityEvent } from '../../../src/core/events/security-event';
import { toAnyAuthenticated } from '../../../src/core/privilege/any-authenticated';
import { toExposureDeclaration } from '../../../src/core/privilege/exposure';
import { resolveLeastPrivilegeOptions } from '../../../src/core/privilege/least-privilege-options';
import { toOwnershipDeclaration, type OwnershipContext } from '../../../src/core/privilege/ownership-policy';
import { PrivilegeGuard, type GuardedRoute } from '../../../src/core/privilege/privilege-guard';
import { toScopeRequirement } from '../../../src/core/privilege/scope-requirement';
import type { RequestLike, RouteRef } from '../../../src/core/request-like';
import { principal } from '../../support/principals';
import type { Principal } from '../../../src/core/auth/principal';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const route: RouteRef = { method: 'GET', path: '/api/customers/:id' };

function setup(options: unknown = {}) {
  const events: SecurityEvent[] = [];
  const guard = new PrivilegeGuard({
    options: resolveLeastPrivilegeOptions(options, 'leastPrivilege'),
    realm: 'api',
    secondFactors: new Set(DEFAULT_SECOND_FACTORS),
    emit: (event) => events.push(event),
    now: () => NOW,
  });
  return { guard, events };
}

const request = (parts: Partial<RequestLike> = {}): RequestLike => ({ method: 'GET', url: '/api/customers/10002', headers: {}, params: { id: '10002' }, query: {}, ...parts });

/** Stage 1 then stage 3, as the engine runs them (AntiEnumeration sits between them). */
async function run(guard: PrivilegeGuard, req: RequestLike, r: RouteRef, declared: GuardedRoute, who: Principal | undefined, onDenied?: (status: number) => void) {
  const ids = guard.authorize(req, r, declared, who);
  await guard.checkOwnership(req, r, declared, who, ids, onDenied);
  return ids;
}

async function denial(promise: Promise<unknown>): Promise<ApiwardError> {
  try {
    await promise;
  } catch (err: unknown) {
    if (err instanceof ApiwardError) return err;
    throw err;
  }
  throw new Error('expected a denial');
}

const ownsCustomer = (ctx: OwnershipContext): boolean => ctx.principal.subject === String(ctx.ids.id);
const customerRoute: GuardedRoute = {
  leastPrivilege: toScopeRequirement([{ anyOf: ['customers:read', 'customers:read:any'] }]),
  ownership: [toOwnershipDeclaration((ctx: OwnershipContext) => ctx.principal.scopes.includes('customers:read:any') || ownsCustomer(ctx), { ids: ['id'] })],
};

describe('PrivilegeGuard: authorization deny-by-default', () => {
  it('strict (default): an authenticated route without any authorization declaration is refused with 403 forbidden', async () => {
    const { guard, events } = setup();
    const err = await denial(run(guard, request(), route, { requireAuth: {} } as GuardedRoute, principal({ scopes: ['admin'] })));
    expect([err.status, err.code, err.body]).toEqual([403, 'forbidden', { statusCode: 403, message: 'Forbidden' }]);
    expect(events).toEqual([{ type: 'access.denied', reason: 'undeclared_authorization', at: new Date(NOW).toISOString(), route, subject: '10002' }]);
  });

  it('allows AnyAuthenticated, Public and LeastPrivilege routes', async () => {
    const { guard, events } = setup();
    await expect(run(guard, request(), route, { anyAuthenticated: toAnyAuthenticated({ reason: 'own profile' }) }, principal())).resolves.toBeDefined();
    await expect(run(guard, request(), route, { public: { reason: 'status' } }, principal())).resolves.toBeDefined();
    await expect(run(guard, request(), route, { public: { reason: 'status' } }, undefined)).resolves.toBeDefined();
    await expect(run(guard, request(), route, { leastPrivilege: toScopeRequirement(['a']) }, principal({ scopes: ['a'] }))).resolves.toBeDefined();
    expect(events).toEqual([]);
  });

  it('non-strict: an undeclared authenticated route lets any principal through', async () => {
    const { guard } = setup({ strict: false });
    await expect(run(guard, request(), route, {}, principal())).resolves.toEqual({});
  });

  it('refuses a scope requirement that reaches it without a principal', async () => {
    const { guard, events } = setup();
    const err = await denial(run(guard, request(), route, { leastPrivilege: toScopeRequirement(['a']) }, undefined));
    expect(err.status).toBe(403);
    expect(events[0]).toMatchObject({ type: 'access.denied', reason: 'no_principal' });
  });
});

describe('PrivilegeGuard: scopes', () => {
  const orders: GuardedRoute = { leastPrivilege: toScopeRequirement(['orders:read', 'orders:write']) };

  it('allOf: allowed with every scope', async () => {
    const { guard } = setup();
    await expect(run(guard, request(), route, orders, principal({ scopes: ['orders:read', 'orders:write', 'x'] }))).resolves.toBeDefined();
  });

  it('allOf: denied with 403 insufficient_scope, the RFC 6750 challenge and a generic body', async () => {
    const { guard, events } = setup();
    const err = await denial(run(guard, request(), route, orders, principal({ scopes: ['orders:read'] })));
    expect(err.status).toBe(403);
    expect(err.code).toBe('insufficient_scope');
    expect(err.headers).toEqual({ 'WWW-Authenticate': 'Bearer realm="api", error="insufficient_scope", scope="orders:read orders:write"' });
    expect(err.body).toEqual({ statusCode: 403, message: 'Forbidden' });
    expect(events).toEqual([expect.objectContaining({ type: 'access.denied', reason: 'missing_scope', requiredScopes: ['orders:read', 'orders:write'], subject: '10002', route })]);
  });

  it('anyOf: one scope of the group is enough; none is denied', async () => {
    const { guard } = setup();
    const anyOf: GuardedRoute = { leastPrivilege: toScopeRequirement([{ anyOf: ['customers:read', 'customers:read:any'] }]) };
    await expect(run(guard, request(), route, anyOf, principal({ scopes: ['customers:read:any'] }))).resolves.toBeDefined();
    const err = await denial(run(guard, request(), route, anyOf, principal({ scopes: ['orders:read'] })));
    expect(err.headers['WWW-Authenticate']).toContain('scope="customers:read customers:read:any"');
  });

  it('a malformed scope on the principal never matches', async () => {
    const { guard } = setup();
    const err = await denial(run(guard, request(), route, { leastPrivilege: toScopeRequirement(['a']) }, principal({ scopes: ['a\u0000', 'a b'] })));
    expect(err.code).toBe('insufficient_scope');
  });
});

describe('PrivilegeGuard: step-up for privileged scopes', () => {
  const admin: GuardedRoute = { leastPrivilege: toScopeRequirement(['admin:accounts', { mfa: true, maxAuthAgeMs: 600_000 }]) };
  const adminPrincipal = (amr: string[], ageMs: number | undefined) =>
    principal({ subject: 'admin-1', scopes: ['admin:accounts'], amr, authTime: ageMs === undefined ? undefined : NOW - ageMs });

  it('allows a recent second factor', async () => {
    const { guard } = setup();
    await expect(run(guard, request(), route, admin, adminPrincipal(['pwd', 'otp'], 60_000))).resolves.toBeDefined();
  });

  it.each([
    ['no second factor', ['pwd'], 60_000, 'second_factor_missing'],
    ['stale authentication', ['pwd', 'otp'], 11 * 60_000, 'auth_time_stale'],
    ['no auth_time', ['pwd', 'hwk'], undefined, 'auth_time_missing'],
  ])('%s: 401 with the RFC 9470 challenge and a stepup.required event', async (_label, amr, age, reason) => {
    const { guard, events } = setup();
    const err = await denial(run(guard, request(), route, admin, adminPrincipal(amr, age)));
    expect(err.status).toBe(401);
    expect(err.code).toBe('insufficient_user_authentication');
    expect(err.headers['WWW-Authenticate']).toMatch(/^Bearer realm="api", error="insufficient_user_authentication".*max_age=600$/);
    expect(events).toEqual([expect.objectContaining({ type: 'stepup.required', reason, subject: 'admin-1', route })]);
  });

  it('a caller without the privileged scope gets 403, not an invitation to step up', async () => {
    const { guard, events } = setup();
    const err = await denial(run(guard, request(), route, admin, principal({ scopes: ['customers:read'], amr: ['pwd'] })));
    expect(err.status).toBe(403);
    expect(events.map((e) => e.type)).toEqual(['access.denied']);
  });
});

describe('PrivilegeGuard: identifier parameters', () => {
  it.each([
    ['?id=1&id=2', { query: { id: ['1', '2'] } }],
    ['id[]=', { query: { id: [''] } }],
    ['id[$ne]=1', { query: { id: { $ne: '1' } } }],
    ['010002', { params: { id: '010002' } }],
    ['10002.0', { params: { id: '10002.0' } }],
    ['1e4', { params: { id: '1e4' } }],
    ['0x2712', { params: { id: '0x2712' } }],
    ['10002%0a', { params: { id: '10002\n' } }],
  ])('%s is refused with 400 invalid_request before any policy runs', async (_label, parts) => {
    const { guard, events } = setup();
    const policy = jest.fn(() => true);
    const declared: GuardedRoute = { leastPrivilege: customerRoute.leastPrivilege, ownership: [toOwnershipDeclaration(policy, { ids: ['id'] })] };
    const err = await denial(run(guard, request({ params: {}, ...parts }), route, declared, principal({ scopes: ['customers:read'] })));
    expect([err.status, err.code, err.body]).toEqual([400, 'invalid_request', { statusCode: 400, message: 'Bad Request' }]);
    expect(policy).not.toHaveBeenCalled();
    expect(events).toEqual([expect.objectContaining({ type: 'param.rejected', param: 'id', subject: '10002', route })]);
    expect(JSON.stringify(events)).not.toMatch(/10002\\n|0x2712|\$ne/);
  });

  it('hands the policy canonical ids', async () => {
    const { guard } = setup();
    const seen: unknown[] = [];
    const declared: GuardedRoute = { anyAuthenticated: { reason: 't' }, ownership: [toOwnershipDeclaration((ctx: OwnershipContext) => (seen.push(ctx.ids.id), true), { ids: ['id'] })] };
    await expect(run(guard, request(), route, declared, principal())).resolves.toEqual({ id: 10002 });
    expect(seen).toEqual([10002]);
  });
});

describe('PrivilegeGuard: ownership (BOLA)', () => {
  it('allows the owner and a support scope', async () => {
    const { guard } = setup();
    await expect(run(guard, request(), route, customerRoute, principal({ subject: '10002', scopes: ['customers:read'] }))).resolves.toBeDefined();
    await expect(run(guard, request(), route, customerRoute, principal({ subject: 'agent-7', scopes: ['customers:read:any'] }))).resolves.toBeDefined();
  });

  it('denies another customer exactly like the configured not-found, and reports the status to record it as a miss', async () => {
    const { guard, events } = setup();
    const recorded: number[] = [];
    const err = await denial(run(guard, request(), route, customerRoute, principal({ subject: '10001', scopes: ['customers:read'] }), (status) => recorded.push(status)));
    expect(recorded).toEqual([404]);
    expect([err.status, err.code, err.headers, err.body]).toEqual([404, 'not_found', {}, { statusCode: 404, message: 'Not Found' }]);
    expect(events).toEqual([expect.objectContaining({ type: 'ownership.denied', outcome: 'denied', answeredAs: 'not-found', subject: '10001', route })]);
  });

  it('uses the module not-found, or the route one', async () => {
    const notFound = { status: 404, body: { error: 'not_found' }, headers: { 'Cache-Control': 'no-store' } };
    const { guard } = setup({ notFound });
    const err = await denial(run(guard, request(), route, customerRoute, principal({ subject: '1', scopes: ['customers:read'] })));
    expect([err.status, err.headers, err.body]).toEqual([404, { 'Cache-Control': 'no-store' }, { error: 'not_found' }]);
    const perRoute: GuardedRoute = { anyAuthenticated: { reason: 't' }, ownership: [toOwnershipDeclaration(() => false, { ids: ['id'], notFound: { status: 410, body: 'gone' } })] };
    const err2 = await denial(run(guard, request(), route, perRoute, principal()));
    expect([err2.status, err2.body]).toEqual([410, 'gone']);
  });

  it('answers 403 where configured (module or route)', async () => {
    const { guard, events } = setup({ onDenied: 'forbidden' });
    const err = await denial(run(guard, request(), route, customerRoute, principal({ subject: '1', scopes: ['customers:read'] })));
    expect([err.status, err.code]).toEqual([403, 'forbidden']);
    expect(events[0]).toMatchObject({ answeredAs: 'forbidden' });
    const { guard: g2 } = setup();
    const perRoute: GuardedRoute = { anyAuthenticated: { reason: 't' }, ownership: [toOwnershipDeclaration(() => false, { ids: ['id'], onDenied: 'forbidden' })] };
    expect((await denial(run(g2, request(), route, perRoute, principal()))).status).toBe(403);
  });

  it.each([
    ['throws', () => { throw new Error('db'); }, 'threw'],
    ['rejects', () => Promise.reject(new Error('db')), 'rejected'],
    ["returns 'yes'", () => 'yes', 'non_boolean'],
    ['is missing', undefined, 'missing_policy'],
  ])('fails closed when the policy %s', async (_label, policy, outcome) => {
    const { guard, events } = setup();
    const declared: GuardedRoute = { anyAuthenticated: { reason: 't' }, ownership: [toOwnershipDeclaration(policy, { ids: ['id'] })] };
    const err = await denial(run(guard, request(), route, declared, principal()));
    expect(err.status).toBe(404);
    expect(events).toEqual([expect.objectContaining({ type: 'ownership.denied', outcome })]);
  });

  it('requires every policy of the route (controller and handler) to allow', async () => {
    const { guard } = setup();
    const declared: GuardedRoute = { anyAuthenticated: { reason: 't' }, ownership: [toOwnershipDeclaration(() => true, { ids: ['id'] }), toOwnershipDeclaration(() => false, { ids: ['id'] })] };
    expect((await denial(run(guard, request(), route, declared, principal()))).status).toBe(404);
  });

  it('denies ownership on a public route reached without a principal', async () => {
    const { guard, events } = setup();
    const declared: GuardedRoute = { public: { reason: 'x' }, ownership: [toOwnershipDeclaration(() => true, { ids: ['id'] })] };
    expect((await denial(run(guard, request(), route, declared, undefined))).status).toBe(404);
    expect(events[0]).toMatchObject({ type: 'ownership.denied', outcome: 'no_principal' });
    expect(events[0]).not.toHaveProperty('subject');
  });
});

describe('PrivilegeGuard: fails closed on its own bugs', () => {
  it('turns an unexpected exception into 403, in either stage', async () => {
    const { guard } = setup();
    const broken = { anyAuthenticated: { reason: 't' }, ownership: [{ ids: null }] } as unknown as GuardedRoute;
    expect(() => guard.authorize(request(), route, broken, principal())).toThrow(expect.objectContaining({ status: 403, code: 'forbidden' }));
    const brokenDeclaration = {
      ...toOwnershipDeclaration(() => false, { ids: ['id'] }),
      get policyName(): string {
        throw new Error('bug');
      },
    };
    const recorded: number[] = [];
    const err = await denial(guard.checkOwnership(request(), route, { ownership: [brokenDeclaration] }, principal(), {}, (status) => recorded.push(status)));
    expect([err.status, recorded]).toEqual([403, [403]]);
  });

  it('a throwing onDenied does not change the answer', async () => {
    const { guard } = setup();
    const declared: GuardedRoute = { anyAuthenticated: { reason: 't' }, ownership: [toOwnershipDeclaration(() => false, { ids: ['id'] })] };
    const err = await denial(
      run(guard, request(), route, declared, principal(), () => {
        throw new Error('store down');
      }),
    );
    expect(err.status).toBe(404);
  });
});

describe('PrivilegeGuard.expose', () => {
  it('filters by the principal scopes; unchanged without ExposeFields', () => {
    const { guard } = setup();
    const exposure = toExposureDeclaration({ base: ['id'], byScope: { 'customers:pii': ['passportNumber'] } });
    const row = { id: 1, passportNumber: 'P', hash: 'h' };
    expect(guard.expose(row, { exposure }, principal({ scopes: ['customers:read'] }))).toEqual({ id: 1 });
    expect(guard.expose(row, { exposure }, principal({ scopes: ['customers:pii'] }))).toEqual({ id: 1, passportNumber: 'P' });
    expect(guard.expose(row, { exposure }, undefined)).toEqual({ id: 1 });
    expect(guard.expose(row, {}, principal())).toBe(row);
  });
});
