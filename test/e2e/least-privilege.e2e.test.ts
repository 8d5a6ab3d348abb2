/**
 * LeastPrivilege through real HTTP on Nest (Express and Fastify platforms), Express 5 and Express 4: scopes
 * (allOf / anyOf), strict authorization, step-up for privileged scopes, identifier parameters, ownership
 * (a denial byte-identical to the route's own not-found), field exposure, and the route inventory.
 */
import { assertEveryRouteDeclared, UndeclaredRoutesError, type ApiwardOptions, type InventoryRoute, type SecurityEvent } from '../../src';
import { ApiwardInventory, expectEveryRouteDeclared as expectNestRoutesDeclared } from '../../src/nest';
import { expectEveryRouteDeclared as expectExpressRoutesDeclared } from '../../src/express';
import { bearer, get, send, type HeaderLines, type RawResponse } from '../support/http';
import { SCOPES, CATALOG_REASON, HEALTH_REASON } from '../support/apps/least-privilege-api';
import { collectingLogger, startNestExpressLeastPrivilege, startNestFastifyLeastPrivilege, type NestLeastPrivilegeApp } from '../support/apps/least-privilege-nest-app';
import { startExpress4LeastPrivilege, startExpress5LeastPrivilege, type ExpressLeastPrivilegeApp } from '../support/apps/least-privilege-express-app';
import type { TestApp } from '../support/apps/test-api';
import { AUDIENCE, claims, ISSUER, mfaClaims, rsaKeys, signRaw, signRs256, testAuthOptions } from '../support/tokens';
import { minutes } from '../../src';

interface Platform {
  readonly app: TestApp;
  inventory(): readonly InventoryRoute[];
  expectEveryRouteDeclared(): void;
}

const nest = (started: NestLeastPrivilegeApp): Platform => ({
  app: started,
  inventory: () => started.app.get(ApiwardInventory).routes(),
  expectEveryRouteDeclared: () => expectNestRoutesDeclared(started.app),
});
const express = (started: ExpressLeastPrivilegeApp): Platform => ({
  app: started,
  inventory: () => started.ward.inventory(),
  expectEveryRouteDeclared: () => expectExpressRoutesDeclared(started.ward),
});

const PLATFORMS: readonly (readonly [string, (options: ApiwardOptions) => Promise<Platform>])[] = [
  ['nest-express', async (o) => nest(await startNestExpressLeastPrivilege(o))],
  ['nest-fastify', async (o) => nest(await startNestFastifyLeastPrivilege(o))],
  ['express5', async (o) => express(await startExpress5LeastPrivilege(o))],
  ['express4', async (o) => express(await startExpress4LeastPrivilege(o))],
];

const token = (sub: string, scope: string, extra: Record<string, unknown> = {}): HeaderLines => bearer(signRs256(claims({ sub, scope, ...extra })));
const customer = (sub: string, ...more: string[]): HeaderLines => token(sub, [SCOPES.customerRead, ...more].join(' '));
const support = token('agent-7', SCOPES.supportReadAny);
const json = (res: RawResponse): unknown => JSON.parse(res.text);

/** Everything a client can see of an answer, except the clock. */
function visible(res: RawResponse): { status: number; body: string; headers: string[] } {
  const headers: string[] = [];
  for (let i = 0; i < res.rawHeaders.length; i += 2) {
    const name = res.rawHeaders[i]!.toLowerCase();
    if (name !== 'date') headers.push(`${name}: ${res.rawHeaders[i + 1]}`);
  }
  return { status: res.status, body: res.body.toString('base64'), headers };
}

describe.each(PLATFORMS)('LeastPrivilege on %s', (platformName, start) => {
  let platform: Platform;
  let url: string;
  const events: SecurityEvent[] = [];
  const eventsOf = (type: SecurityEvent['type']): SecurityEvent[] => events.filter((e) => e.type === type);

  beforeAll(async () => {
    platform = await start({ auth: testAuthOptions(), onSecurityEvent: (event) => void events.push(event) });
    url = platform.app.baseUrl;
  });
  afterAll(() => platform.app.close());
  beforeEach(() => {
    events.length = 0;
  });

  describe('scopes', () => {
    it('allOf: every scope is required', async () => {
      expect((await get(url, '/api/orders', token('u1', 'orders:read orders:write'))).status).toBe(200);
      const denied = await get(url, '/api/orders', token('u1', 'orders:read'));
      expect(denied.status).toBe(403);
      expect(denied.headers['www-authenticate']).toBe('Bearer realm="api", error="insufficient_scope", scope="orders:read orders:write"');
      expect(json(denied)).toEqual({ statusCode: 403, message: 'Forbidden' });
      expect(eventsOf('access.denied')).toEqual([
        expect.objectContaining({ reason: 'missing_scope', subject: 'u1', route: { method: 'GET', path: '/api/orders' }, requiredScopes: ['orders:read', 'orders:write'] }),
      ]);
    });

    it('anyOf: one scope of the group is enough', async () => {
      expect((await get(url, '/api/orders/summary', token('u1', 'orders:admin'))).status).toBe(200);
      expect((await get(url, '/api/orders/summary', token('u1', 'orders:write'))).status).toBe(403);
    });

    it('reads scp and permissions arrays; a __proto__ claim carrying scopes grants nothing', async () => {
      const both = ['orders:read', 'orders:write'];
      expect((await get(url, '/api/orders', bearer(signRs256(claims({ scope: undefined, scp: both }))))).status).toBe(200);
      expect((await get(url, '/api/orders', bearer(signRs256(claims({ scope: undefined, permissions: both }))))).status).toBe(200);
      const now = Math.floor(Date.now() / 1000);
      const payload = `{"iss":"${ISSUER}","aud":"${AUDIENCE}","sub":"u1","iat":${now},"exp":${now + 600},"__proto__":{"scope":"orders:read orders:write","permissions":["orders:read","orders:write"]}}`;
      const res = await get(url, '/api/orders', bearer(signRaw('{"alg":"RS256","typ":"JWT"}', payload, 'RS256', rsaKeys.privateKey)));
      expect(res.status).toBe(403);
      expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
    });

    it('a scope smuggled in a comma, or with a NUL, grants nothing', async () => {
      expect((await get(url, '/api/orders', token('u1', 'orders:read,orders:write'))).status).toBe(403);
      expect((await get(url, '/api/orders', bearer(signRs256(claims({ scope: undefined, scp: ['orders:read orders:write'] }))))).status).toBe(403);
      expect((await get(url, '/api/orders', bearer(signRs256(claims({ scope: 'orders:read orders:write\u0000' }))))).status).toBe(403);
    });
  });

  describe('authorization deny-by-default (strict)', () => {
    it('refuses a route that only requires authentication, and one nobody declared, to a valid token', async () => {
      for (const path of ['/api/reports', '/api/forgotten']) {
        const res = await get(url, path, token('u1', 'admin:accounts orders:read'));
        expect(res.status).toBe(403);
        expect(json(res)).toEqual({ statusCode: 403, message: 'Forbidden' });
        expect(res.text).not.toContain('leaked');
      }
      expect(eventsOf('access.denied').map((e) => (e as { reason: string }).reason)).toEqual(['undeclared_authorization', 'undeclared_authorization']);
    });

    it('keeps answering 401 without a credential', async () => {
      expect((await get(url, '/api/forgotten')).status).toBe(401);
    });

    it('opens AnyAuthenticated routes to any valid principal', async () => {
      const res = await get(url, '/api/me', token('u9', ''));
      expect(res.status).toBe(200);
      expect(json(res)).toEqual({ subject: 'u9' });
    });
  });

  describe('step-up for a privileged scope', () => {
    const admin = (extra: Record<string, unknown>): HeaderLines => token('admin-1', SCOPES.adminAccounts, extra);
    const post = (headers: HeaderLines): Promise<RawResponse> =>
      send(url, { method: 'POST', path: '/api/admin/accounts/10002/email', headers: [...headers, ['Content-Type', 'application/json']], body: '{"email":"x@y.test"}' });

    it('a customer token: 403 insufficient_scope, not a step-up challenge', async () => {
      const res = await post(customer('10002'));
      expect(res.status).toBe(403);
      expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
    });

    it.each([
      ['without a second factor', { amr: ['pwd'], auth_time: Math.floor(Date.now() / 1000) }, 'second_factor_missing'],
      ['with a stale second factor', mfaClaims(minutes(11)), 'auth_time_stale'],
    ])('%s: 401 with the RFC 9470 challenge and a stepup.required event', async (_label, extra, reason) => {
      const res = await post(admin(extra));
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="api", error="insufficient_user_authentication".*max_age=600$/);
      expect(json(res)).toEqual({ statusCode: 401, message: 'Unauthorized' });
      expect(eventsOf('stepup.required')).toEqual([expect.objectContaining({ reason, subject: 'admin-1', route: { method: 'POST', path: '/api/admin/accounts/:id/email' } })]);
    });

    it('with a recent second factor: allowed', async () => {
      const res = await post(admin(mfaClaims(minutes(1))));
      expect(res.status).toBe(200);
      expect(json(res)).toEqual({ changed: '10002' });
    });
  });

  describe('identifier parameters', () => {
    it.each(['010002', '10002.0', '1e4', '0x2712', '10002%0a', '%2010002'])('refuses the non-canonical /api/customers/%s with 400 before the policy', async (id) => {
      const res = await get(url, `/api/customers/${id}`, customer('10002'));
      expect(res.status).toBe(400);
      expect(json(res)).toEqual({ statusCode: 400, message: 'Bad Request' });
      expect(eventsOf('param.rejected')).toEqual([expect.objectContaining({ param: 'id', reason: 'not_canonical', subject: '10002' })]);
      expect(eventsOf('ownership.denied')).toEqual([]);
      expect(JSON.stringify(events)).not.toContain('0x2712');
    });

    it.each(['id=1&id=2', 'id[]=1', 'id[$ne]=1', 'id=1%0a'])('refuses the polluted query ?%s with 400', async (query) => {
      const res = await get(url, `/api/invoices?${query}`, customer('10002'));
      expect(res.status).toBe(400);
      expect(eventsOf('param.rejected')).toHaveLength(1);
    });

    it('refuses a query id that contradicts the path id', async () => {
      expect((await get(url, '/api/customers/10002?id=10001', customer('10002'))).status).toBe(400);
    });

    it('accepts a canonical query id', async () => {
      const res = await get(url, '/api/invoices?id=7', customer('10002'));
      expect(res.status).toBe(200);
      expect(json(res)).toEqual({ id: '7' });
    });
  });

  describe('ownership (BOLA)', () => {
    it('the owner reads their record, filtered to the base fields', async () => {
      const res = await get(url, '/api/customers/10002', customer('10002'));
      expect(res.status).toBe(200);
      expect(json(res)).toEqual({ id: 10002, name: 'Customer 10002', address: { city: 'Sydney' } });
    });

    it('"not yours" is byte-identical to the route\'s own not-found', async () => {
      const notYours = await get(url, '/api/customers/10001', customer('10002'));
      const missing = await get(url, '/api/customers/99999', support);
      const missingForCustomer = await get(url, '/api/customers/99999', customer('10002'));
      expect(notYours.status).toBe(404);
      expect(visible(notYours)).toEqual(visible(missing));
      expect(visible(missingForCustomer)).toEqual(visible(missing));
      expect(eventsOf('ownership.denied')).toEqual([
        expect.objectContaining({ outcome: 'denied', policy: 'ownRecordOrSupport', answeredAs: 'not-found', subject: '10002', route: { method: 'GET', path: '/api/customers/:id' } }),
        expect.objectContaining({ outcome: 'denied', subject: '10002' }),
      ]);
    });

    it('support (customers:read:any) reads any record', async () => {
      expect((await get(url, '/api/customers/10001', support)).status).toBe(200);
    });

    it('a policy that throws denies, answered like a missing record', async () => {
      const res = await get(url, '/api/fragile/10002', customer('10002'));
      const missing = await get(url, '/api/customers/99999', support);
      expect(visible(res)).toEqual(visible(missing));
      expect(eventsOf('ownership.denied')).toEqual([expect.objectContaining({ outcome: 'threw', policy: 'fragilePolicy' })]);
    });

    it('a policy class that cannot be resolved denies every request', async () => {
      const res = await get(url, '/api/unresolvable/10002', customer('10002'));
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('leaked');
      expect(eventsOf('ownership.denied')).toEqual([expect.objectContaining({ outcome: 'missing_policy' })]);
    });

    it('a policy class (tenant check) configured as 403', async () => {
      expect((await get(url, '/api/tenants/t1/documents/d1', token('u1', '', { tenant: 't1' }))).status).toBe(200);
      const other = await get(url, '/api/tenants/t1/documents/d2', token('u1', '', { tenant: 't1' }));
      expect(other.status).toBe(403);
      expect(json(other)).toEqual({ statusCode: 403, message: 'Forbidden' });
      expect(eventsOf('ownership.denied')).toEqual([expect.objectContaining({ outcome: 'denied', policy: 'TenantPolicy', answeredAs: 'forbidden' })]);
    });
  });

  describe('field exposure', () => {
    it('the full row with the pii scope shows the pii fields, never the rest', async () => {
      const res = await get(url, '/api/customers/10002', customer('10002', SCOPES.pii));
      expect(json(res)).toEqual({ id: 10002, name: 'Customer 10002', passportNumber: 'P10002', dateOfBirth: '1990-01-01', address: { city: 'Sydney' } });
      expect(res.text).not.toMatch(/passwordHash|street|email/);
    });

    it('filters the records inside a paginated envelope', async () => {
      const res = await get(url, '/api/customers', support);
      expect(json(res)).toEqual({ data: [{ id: 10001, name: 'Customer 10001' }, { id: 10002, name: 'Customer 10002' }], total: 2 });
    });
  });

  describe('route inventory', () => {
    const byPath = (path: string, method = 'GET'): InventoryRoute | undefined => platform.inventory().find((r) => r.path === path && r.method === method);

    it('lists public, declared and undeclared routes with full paths (global prefix, versions)', () => {
      expect(byPath('/health')).toMatchObject({ declared: true, access: 'public', protections: { public: { reason: HEALTH_REASON } } });
      expect(byPath('/api/customers/:id')).toMatchObject({
        declared: true,
        access: 'scoped',
        protections: {
          auth: {},
          scopes: { allOf: [], anyOf: [[SCOPES.customerRead, SCOPES.supportReadAny]] },
          ownership: [{ policy: 'ownRecordOrSupport', ids: [{ param: 'id', in: 'any', kind: 'numeric-id' }], onDenied: 'not-found' }],
          exposure: { base: ['id', 'name', 'address.city'] },
        },
      });
      expect(byPath('/api/admin/accounts/:id/email', 'POST')?.protections.stepUp).toEqual({ mfa: true, maxAuthAgeMs: minutes(10) });
      expect(byPath('/api/forgotten')).toMatchObject({ declared: false, access: 'denied-by-default' });
      expect(byPath('/api/reports')).toMatchObject({ declared: true, access: 'denied-by-default' });
      expect(byPath('/api/v1/catalog/:id')).toMatchObject({ declared: false });
      expect(byPath('/api/v2/catalog/:id')).toMatchObject({ declared: true, access: 'any-authenticated', protections: { anyAuthenticated: { reason: CATALOG_REASON } } });
      if (platformName.startsWith('nest')) {
        expect(byPath('/api/v1/catalog/:id')).toMatchObject({ version: '1', handler: 'CatalogV1Controller.item' });
        expect(byPath('/api/customers/:id')?.handler).toBe('LeastPrivilegeController.customer');
      } else {
        expect(byPath('/api/v1/catalog/:id')?.handler).toBe('catalogV1');
        expect(byPath('/api/customers/:id')?.handler).toBe('customer');
      }
    });

    it('its JSON form has method, path and declared', () => {
      const entries = JSON.parse(JSON.stringify(platform.inventory())) as { method: string; path: string; declared: boolean }[];
      expect(entries).toContainEqual(expect.objectContaining({ method: 'GET', path: '/api/v1/catalog/:id', declared: false }));
    });

    it('expectEveryRouteDeclared fails naming exactly the undeclared routes', () => {
      let error: unknown;
      try {
        platform.expectEveryRouteDeclared();
      } catch (err: unknown) {
        error = err;
      }
      expect(error).toBeInstanceOf(UndeclaredRoutesError);
      expect((error as UndeclaredRoutesError).offenders.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/forgotten', 'GET /api/v1/catalog/:id']);
      expect(() => assertEveryRouteDeclared(platform.inventory().filter((r) => r.declared))).not.toThrow();
    });

    it('the undeclared routes really are closed', async () => {
      expect((await get(url, '/api/v1/catalog/1', token('u1', 'orders:read'))).status).toBe(403);
      expect((await get(url, '/api/v2/catalog/1', token('u1', 'orders:read'))).status).toBe(200);
    });
  });
});

describe.each([
  ['nest-express', startNestExpressLeastPrivilege],
  ['nest-fastify', startNestFastifyLeastPrivilege],
] as const)('start-up inventory summary on %s', (_name, startNest) => {
  it('logs every route, and a warning naming each undeclared route and each policy Nest cannot resolve', async () => {
    const lines: { level: string; message: string; context?: string }[] = [];
    const started = await startNest({ auth: testAuthOptions(), onSecurityEvent: () => undefined }, collectingLogger(lines));
    try {
      const inventoryLines = lines.filter((l) => l.context === 'ApiwardInventory');
      expect(inventoryLines.find((l) => l.level === 'log')?.message).toMatch(/^apiward inventory: \d+ route\(s\), \d+ declared, 2 undeclared$/);
      const warnings = inventoryLines.filter((l) => l.level === 'warn').map((l) => l.message);
      expect(warnings).toEqual(
        expect.arrayContaining([
          'apiward: undeclared route GET /api/forgotten (LeastPrivilegeController.forgotten): no apiward declaration; deny-by-default keeps it closed to every caller',
          'apiward: undeclared route GET /api/v1/catalog/:id (CatalogV1Controller.item): no apiward declaration; deny-by-default keeps it closed to every caller',
          expect.stringContaining('GET /api/reports (LeastPrivilegeController.reports) declares no LeastPrivilege, Public or AnyAuthenticated'),
          'apiward: route GET /api/unresolvable/:id: ownership policy UnregisteredPolicy is not a provider Nest can resolve; every request is denied',
        ]),
      );
      expect(warnings).toHaveLength(4);
    } finally {
      await started.close();
    }
  });
});

describe('inventory summary on Express', () => {
  it('ward.logInventory() names every undeclared route as a warning', async () => {
    const started = await startExpress5LeastPrivilege({ auth: testAuthOptions(), onSecurityEvent: () => undefined });
    try {
      const logged: string[] = [];
      const warned: string[] = [];
      const summary = started.ward.logInventory({ log: (line: string) => void logged.push(line), warn: (line: string) => void warned.push(line) });
      expect(logged[0]).toMatch(/^apiward inventory: \d+ route\(s\), \d+ declared, 2 undeclared$/);
      expect(logged).toContain('  GET    /api/v1/catalog/:id  UNDECLARED');
      expect(warned).toEqual(summary.warnings);
      expect(warned.filter((w) => w.startsWith('apiward: undeclared route'))).toEqual([
        'apiward: undeclared route GET /api/forgotten (leaked): no apiward declaration; deny-by-default keeps it closed to every caller',
        'apiward: undeclared route GET /api/v1/catalog/:id (catalogV1): no apiward declaration; deny-by-default keeps it closed to every caller',
      ]);
    } finally {
      await started.close();
    }
  });
});
