import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import type { ApiwardOptions } from '../../../src';
import { AnyAuthenticated, ApiwardModule, Principal, Public, RequireAuth } from '../../../src/nest';
import { baseUrlOf } from '../http';
import { ADMIN_MAX_AUTH_AGE_MS, ANY_AUTHENTICATED_REASON, FORGOTTEN_BODY, HEALTH_BODY, HEALTH_REASON, principalView, type TestApp } from './test-api';

@Controller()
class TestApiController {
  @Get('health')
  @Public({ reason: HEALTH_REASON })
  health(): typeof HEALTH_BODY {
    return HEALTH_BODY;
  }

  @Get('me')
  @RequireAuth()
  @AnyAuthenticated({ reason: ANY_AUTHENTICATED_REASON })
  me(@Principal() principal: Principal): ReturnType<typeof principalView> {
    return principalView(principal);
  }

  @Get('admin')
  @RequireAuth({ mfa: true, maxAuthAgeMs: ADMIN_MAX_AUTH_AGE_MS })
  @AnyAuthenticated({ reason: ANY_AUTHENTICATED_REASON })
  admin(@Principal() principal: Principal): ReturnType<typeof principalView> {
    return principalView(principal);
  }

  @Get('reports')
  @RequireAuth({ accept: ['apiKey'] })
  @AnyAuthenticated({ reason: ANY_AUTHENTICATED_REASON })
  reports(@Principal() principal: Principal): ReturnType<typeof principalView> {
    return principalView(principal);
  }

  // No apiward declaration at all: deny by default must keep it closed.
  @Get('forgotten')
  forgotten(): typeof FORGOTTEN_BODY {
    return FORGOTTEN_BODY;
  }
}

function testModule(options: ApiwardOptions): new () => object {
  @Module({ imports: [ApiwardModule.forRoot(options)], controllers: [TestApiController] })
  class TestApiModule {}
  return TestApiModule;
}

async function listen(platform: string, app: INestApplication): Promise<TestApp> {
  await app.listen(0, '127.0.0.1');
  return {
    platform,
    baseUrl: baseUrlOf(app.getHttpServer() as Server),
    close: () => app.close(),
  };
}

/** The test API on Nest 11, Express platform. */
export async function startNestExpressApp(options: ApiwardOptions): Promise<TestApp> {
  return listen('nest-express', await NestFactory.create(testModule(options), { logger: false, abortOnError: false }));
}

/** The test API on Nest 11, Fastify platform. */
export async function startNestFastifyApp(options: ApiwardOptions): Promise<TestApp> {
  return listen('nest-fastify', await NestFactory.create(testModule(options), new FastifyAdapter(), { logger: false, abortOnError: false }));
}
