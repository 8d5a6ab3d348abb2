/** The Nest inventory's paths: global prefix and exclusions, URI / header versioning, RouterModule paths. */
import { Controller, Get, Module, Post, VERSION_NEUTRAL, Version, VersioningType, type INestApplication, type VersioningOptions } from '@nestjs/common';
import { NestFactory, RouterModule } from '@nestjs/core';
import { ApiwardInventory, ApiwardModule, AnyAuthenticated, Public } from '../../src/nest';
import { testAuthOptions } from '../support/tokens';

@Controller({ path: 'items', version: ['1', '2'] })
class ItemsController {
  @Get(':id')
  @AnyAuthenticated({ reason: 'r' })
  one(): string {
    return '';
  }

  @Get()
  @Version(VERSION_NEUTRAL)
  @AnyAuthenticated({ reason: 'r' })
  list(): string {
    return '';
  }
}

@Controller(['status', 'healthz'])
class StatusController {
  @Get()
  @Public({ reason: 'probe' })
  status(): string {
    return '';
  }
}

@Controller('users')
class UsersController {
  @Post(['invite', 'invitations'])
  invite(): string {
    return '';
  }
}

@Module({ controllers: [UsersController] })
class AdminModule {}

async function inventoryOf(setup: (app: INestApplication) => void, versioning?: VersioningOptions): Promise<string[]> {
  @Module({ imports: [ApiwardModule.forRoot({ auth: testAuthOptions() }), AdminModule, RouterModule.register([{ path: 'admin', module: AdminModule }])], controllers: [ItemsController, StatusController] })
  class AppModule {}
  const app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
  setup(app);
  if (versioning !== undefined) app.enableVersioning(versioning);
  await app.init();
  try {
    return app.get(ApiwardInventory).routes().map((r) => `${r.method} ${r.path}${r.version === undefined ? '' : ` v=${r.version}`} ${r.handler}`);
  } finally {
    await app.close();
  }
}

describe('Nest route discovery', () => {
  it('URI versioning, global prefix with an exclusion, RouterModule path, multiple paths', async () => {
    expect(await inventoryOf((app) => app.setGlobalPrefix('/api/', { exclude: ['status'] }), { type: VersioningType.URI })).toEqual([
      'POST /api/admin/users/invitations UsersController.invite',
      'POST /api/admin/users/invite UsersController.invite',
      'GET /api/healthz StatusController.status',
      'GET /api/items ItemsController.list',
      'GET /api/v1/items/:id v=1 ItemsController.one',
      'GET /api/v2/items/:id v=2 ItemsController.one',
      'GET /status StatusController.status',
    ]);
  });

  it('a URI prefix other than v, or none', async () => {
    const paths = await inventoryOf(() => undefined, { type: VersioningType.URI, prefix: 'version-' });
    expect(paths).toContain('GET /version-1/items/:id v=1 ItemsController.one');
    expect(await inventoryOf(() => undefined, { type: VersioningType.URI, prefix: false })).toContain('GET /2/items/:id v=2 ItemsController.one');
  });

  it('header versioning keeps the path and records the version', async () => {
    const paths = await inventoryOf(() => undefined, { type: VersioningType.HEADER, header: 'X-Version' });
    expect(paths).toContain('GET /items/:id v=1 ItemsController.one');
    expect(paths).toContain('GET /items/:id v=2 ItemsController.one');
  });

  it('without versioning, version metadata is ignored (as Nest ignores it)', async () => {
    const paths = await inventoryOf(() => undefined);
    expect(paths).toContain('GET /items/:id ItemsController.one');
    expect(paths.filter((p) => p.includes('v='))).toEqual([]);
  });
});
