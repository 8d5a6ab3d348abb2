/** Response declarations on a handler that writes the response itself stop the app at start-up. */
import { Controller, Get, Module, Next, Post, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { AnyAuthenticated, ApiwardModule, ExposeFields, Public, UniformLookupResponse } from '../../src/nest';
import { handlerWritesResponse } from '../../src/nest/handler-writes-response';
import { testAuthOptions } from '../support/tokens';

interface ResponseView {
  json(body: unknown): void;
}

@Controller('accounts')
class AccountsController {
  @Get('plain')
  @AnyAuthenticated({ reason: 'r' })
  plain(): unknown {
    return { id: 1 };
  }

  @Get('passthrough')
  @ExposeFields({ base: ['id'] })
  @AnyAuthenticated({ reason: 'r' })
  passthrough(@Res({ passthrough: true }) _res: ResponseView): unknown {
    return { id: 1, secret: 's' };
  }

  @Get('writes')
  @AnyAuthenticated({ reason: 'r' })
  writes(@Res() res: ResponseView): void {
    res.json({ id: 1 });
  }

  @Get('next')
  @AnyAuthenticated({ reason: 'r' })
  next(@Next() _next: () => void): void {
    _next();
  }
}

@Controller('leaky')
class LeakyController {
  @Get(':id')
  @ExposeFields({ base: ['id'] })
  @AnyAuthenticated({ reason: 'r' })
  one(@Res() res: ResponseView): void {
    res.json({ id: 1, secret: 's' });
  }

  @Post('reset')
  @Public({ reason: 'password reset' })
  @UniformLookupResponse({ status: 202, body: { ok: true }, deadlineMs: 50 })
  reset(@Res() res: ResponseView): void {
    res.json({ sent: true });
  }
}

type Platform = 'express' | 'fastify';

async function start(controllers: (new () => unknown)[], platform: Platform): Promise<void> {
  @Module({ imports: [ApiwardModule.forRoot({ auth: testAuthOptions() })], controllers })
  class AppModule {}
  const options = { logger: false as const, abortOnError: false };
  const app = platform === 'fastify' ? await NestFactory.create(AppModule, new FastifyAdapter(), options) : await NestFactory.create(AppModule, options);
  try {
    await app.init();
  } finally {
    await app.close();
  }
}

describe('handlerWritesResponse', () => {
  it('is true for @Res() and @Next() without passthrough, as Nest decides it', () => {
    expect(handlerWritesResponse(AccountsController, 'plain')).toBe(false);
    expect(handlerWritesResponse(AccountsController, 'passthrough')).toBe(false);
    expect(handlerWritesResponse(AccountsController, 'writes')).toBe(true);
    expect(handlerWritesResponse(AccountsController, 'next')).toBe(true);
  });
});

describe.each<Platform>(['express', 'fastify'])('response declarations on a handler that writes the response itself (Nest on %s)', (platform) => {
  it('stop the app at start-up, naming each route and declaration', async () => {
    await expect(start([LeakyController], platform)).rejects.toThrow(TypeError);
    await expect(start([LeakyController], platform)).rejects.toThrow(
      'GET /leaky/:id (LeakyController.one): @ExposeFields; POST /leaky/reset (LeakyController.reset): @UniformLookupResponse.',
    );
  });

  it('leave an app alone when the handler returns its value (plain, or @Res({ passthrough: true }))', async () => {
    await expect(start([AccountsController], platform)).resolves.toBeUndefined();
  });
});
