import { buildInventory, buildInventoryRoute } from '../../../src/core/inventory/inventory-route';
import { appRoutes } from './fixture-routes';

const byPath = (path: string, method = 'GET') => buildInventory(appRoutes).find((r) => r.path === path && r.method === method)!;

describe('buildInventory', () => {
  it('lists every route sorted by path then method, methods upper-cased', () => {
    expect(buildInventory(appRoutes).map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/admin/accounts/:id/email',
      'GET /api/customers/:id',
      'GET /api/me',
      'DELETE /api/orders/:id',
      'GET /api/reports',
      'GET /api/v1/customers/:id',
      'GET /health',
    ]);
  });

  it('a public route: reason, no auth', () => {
    expect(byPath('/health')).toEqual({
      method: 'GET',
      path: '/health',
      handler: 'HealthController.check',
      declared: true,
      access: 'public',
      protections: { public: { reason: 'load balancer probe' } },
    });
  });

  it('a scoped route: auth, scopes, ownership (policy name, ids, answer), exposure, anti-enumeration summary', () => {
    expect(byPath('/api/customers/:id')).toEqual({
      method: 'GET',
      path: '/api/customers/:id',
      handler: 'CustomersController.get',
      declared: true,
      access: 'scoped',
      protections: {
        auth: {},
        scopes: { allOf: [], anyOf: [['customers:read', 'customers:read:any']] },
        ownership: [{ policy: 'ownsCustomer', ids: [{ param: 'id', in: 'any', kind: 'numeric-id' }], onDenied: 'not-found' }],
        exposure: { base: ['id', 'name'], byScope: { 'customers:pii': ['passportNumber', 'dateOfBirth'] } },
        antiEnumeration: { identifier: 'param:id', kind: 'numeric-id', key: '[function key]' },
      },
    });
  });

  it('an undeclared versioned route: declared false, denied by default', () => {
    expect(byPath('/api/v1/customers/:id')).toEqual({
      method: 'GET',
      path: '/api/v1/customers/:id',
      handler: 'LegacyCustomersController.get',
      version: '1',
      declared: false,
      access: 'denied-by-default',
      protections: { auth: {} },
    });
  });

  it('step-up from LeastPrivilege and accepted credential kinds from RequireAuth', () => {
    expect(byPath('/api/admin/accounts/:id/email', 'POST').protections).toEqual({
      auth: { accept: ['jwt'] },
      stepUp: { mfa: true, maxAuthAgeMs: 600_000 },
      scopes: { allOf: ['admin:accounts'], anyOf: [] },
    });
  });

  it('takes the stricter step-up of RequireAuth and LeastPrivilege', () => {
    const route = buildInventoryRoute(
      { method: 'POST', path: '/x', handler: 'X.y' },
      { requireAuth: { maxAuthAgeMs: 60_000 }, leastPrivilege: { allOf: ['a'], anyOf: [], stepUp: { mfa: true, maxAuthAgeMs: 600_000 } } },
    );
    expect(route.protections.stepUp).toEqual({ mfa: true, maxAuthAgeMs: 60_000 });
  });

  it('any-authenticated, and a RequireAuth-only route under strict vs non-strict', () => {
    expect(byPath('/api/me').access).toBe('any-authenticated');
    expect(byPath('/api/me').protections.anyAuthenticated).toEqual({ reason: 'a user reads their own profile' });
    expect(byPath('/api/reports')).toMatchObject({ declared: true, access: 'denied-by-default' });
    expect(buildInventory(appRoutes, { strict: false }).find((r) => r.path === '/api/reports')!.access).toBe('authenticated');
  });

  it('shows the module default answer for policies without their own', () => {
    const route = buildInventory(appRoutes, { onDenied: 'forbidden' }).find((r) => r.path === '/api/customers/:id')!;
    expect(route.protections.ownership![0]!.onDenied).toBe('forbidden');
  });

  it('is JSON-safe: no functions, no secrets', () => {
    const text = JSON.stringify(buildInventory(appRoutes));
    expect(text).not.toContain('s3cr3t');
    expect(JSON.parse(text)).toEqual(buildInventory(appRoutes));
  });
});
