/**
 * The Nest guard through real HTTP on both platforms: declarations at controller and handler level, the
 * principal handed to `@Principal()`, route templates in events, and headers surviving Nest's exception
 * layer. (The full bad-input table runs in test/e2e.)
 */
// RequireAuth's mechanics alone: `leastPrivilege: { strict: false }`; strict authorization is tested in test/e2e/least-privilege.e2e.test.ts.
import { Controller, Get, Module, Param, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import { genericBody, type SecurityEvent } from '../../src';
import { ApiwardModule, Principal, Public, RequireAuth } from '../../src/nest';
import { baseUrlOf, bearer, get } from '../support/http';
import { claims, mfaClaims, signRs256, testAuthOptions, TEST_API_KEY } from '../support/tokens';

@Controller('accounts')
@RequireAuth({ accept: ['jwt'] })
class AccountsController {
  @Get('sign-up')
  @Public({ reason: 'sign-up form' })
  signUp(@Principal() principal: Principal | undefined): { principal: string | null } {
    return { principal: principal?.subject ?? null };
  }

  @Get(':id/close')
  @RequireAuth({ mfa: true })
  close(@Param('id') id: string, @Principal() principal: Principal): { id: string; subject: string } {
    return { id, subject: principal.subject };
  }

  @Get(':id')
  read(@Param('id') id: string, @Principal() principal: Principal): { id: string; subject: string } {
    return { id, subject: principal.subject };
  }
}

@Controller('status')
@Public({ reason: 'status page' })
class StatusController {
  @Get()
  summary(): { up: true } {
    return { up: true };
  }

  @Get('details')
  @RequireAuth()
  details(): { secret: true } {
    return { secret: true };
  }
}

class CatalogueBase {
  @Get()
  items(): { items: string[] } {
    return { items: ['a'] };
  }
}
@Controller('open-catalogue')
@Public({ reason: 'catalogue' })
class OpenCatalogue extends CatalogueBase {}
@Controller('closed-catalogue')
class ClosedCatalogue extends CatalogueBase {}

const PLATFORMS = [
  ['express', () => undefined],
  ['fastify', () => new FastifyAdapter()],
] as const;

describe.each(PLATFORMS)('ApiwardGuard on the %s platform', (_name, adapter) => {
  let app: INestApplication;
  let url: string;
  const events: SecurityEvent[] = [];

  beforeAll(async () => {
    @Module({
      imports: [ApiwardModule.forRoot({ auth: testAuthOptions(), leastPrivilege: { strict: false }, onSecurityEvent: (e) => void events.push(e) })],
      controllers: [AccountsController, StatusController, OpenCatalogue, ClosedCatalogue],
    })
    class AppModule {}
    const platform = adapter();
    app = platform === undefined
      ? await NestFactory.create(AppModule, { logger: false, abortOnError: false })
      : await NestFactory.create(AppModule, platform, { logger: false, abortOnError: false });
    app.setGlobalPrefix('api');
    await app.listen(0, '127.0.0.1');
    url = baseUrlOf(app.getHttpServer() as Server);
  });
  afterAll(() => app.close());
  beforeEach(() => {
    events.length = 0;
  });

  it('sends the core error as is: status, WWW-Authenticate through the exception layer, generic body', async () => {
    const res = await get(url, '/api/accounts/7');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    expect(res.text).toBe(JSON.stringify(genericBody(401)));
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('reports the route template with the global prefix, never the raw URL', async () => {
    await get(url, '/api/accounts/10002?x=1');
    expect(events).toEqual([expect.objectContaining({ type: 'auth.failed', route: { method: 'GET', path: '/api/accounts/:id' } })]);
    expect(JSON.stringify(events)).not.toContain('10002');
  });

  it('hands the principal to @Principal()', async () => {
    const res = await get(url, '/api/accounts/7', bearer(signRs256()));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ id: '7', subject: 'user-1' });
  });

  it('applies the controller requirement to every handler (API key refused under accept: jwt)', async () => {
    const res = await get(url, '/api/accounts/7', [['X-Api-Key', TEST_API_KEY]]);
    expect(res.status).toBe(401);
  });

  it('lets a handler @Public open one route of an authenticated controller, without a principal', async () => {
    const res = await get(url, '/api/accounts/sign-up', bearer(signRs256()));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ principal: null });
  });

  it('tightens the controller requirement with the handler one (step-up)', async () => {
    const stale = await get(url, '/api/accounts/7/close', bearer(signRs256()));
    expect(stale.status).toBe(401);
    expect(stale.headers['www-authenticate']).toContain('error="insufficient_user_authentication"');
    const fresh = await get(url, '/api/accounts/7/close', bearer(signRs256(claims(mfaClaims(60_000)))));
    expect(fresh.status).toBe(200);
    const byKey = await get(url, '/api/accounts/7/close', [['X-Api-Key', TEST_API_KEY]]);
    expect(byKey.status).toBe(401);
  });

  it('closes a handler that requires auth under a public controller', async () => {
    expect((await get(url, '/api/status')).status).toBe(200);
    const res = await get(url, '/api/status/details');
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('secret');
  });

  it('keeps an inherited handler open or closed per controller', async () => {
    expect((await get(url, '/api/open-catalogue')).status).toBe(200);
    expect((await get(url, '/api/closed-catalogue')).status).toBe(401);
  });

  it('answers two Authorization headers with 400, the generic body', async () => {
    const res = await get(url, '/api/accounts/7', [
      ['Authorization', `Bearer ${signRs256()}`],
      ['Authorization', `Bearer ${signRs256(claims({ sub: 'user-2' }))}`],
    ]);
    expect(res.status).toBe(400);
    expect(res.text).toBe(JSON.stringify(genericBody(400)));
  });
});
