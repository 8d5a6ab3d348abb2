import { Body, Controller, Header, Module, NotFoundException, Post, Res, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Server, ServerResponse } from 'node:http';
import type { SecurityEvent } from '../../../src';
import { ApiwardModule, Defer, Public, UniformLookupResponse } from '../../../src/nest';
import { baseUrlOf } from '../http';
import { testAuthOptions } from '../tokens';
import { requestReset, RESET_ANSWER, RESET_REASON, SLOW_ANSWER, slowLookup, type Mail, type UniformTestApp } from './uniform-api';

/** Express's response is Node's; Fastify's reply wraps it in `raw` and keeps its own header list. */
type PlatformResponse = ServerResponse | { raw: ServerResponse; header(name: string, value: string): unknown };

const rawOf = (res: PlatformResponse): ServerResponse => ('raw' in res ? res.raw : res);

function uniformModule(outbox: Mail[], events: SecurityEvent[]): new () => object {
  @Controller()
  class ResetController {
    @Post('password-reset')
    @Public({ reason: RESET_REASON })
    @UniformLookupResponse(RESET_ANSWER)
    @Header('X-Frame-Options', 'DENY')
    reset(@Body() body: unknown, @Res({ passthrough: true }) res: PlatformResponse, @Defer() defer: Defer): Promise<unknown> {
      return requestReset(body, {
        defer,
        outbox,
        notFound: () => new NotFoundException(),
        setHeader: (name, value) => ('raw' in res ? res.header(name, value) : res.setHeader(name, value)),
        answered: () => rawOf(res).writableEnded,
      });
    }

    @Post('slow-reset')
    @Public({ reason: RESET_REASON })
    @UniformLookupResponse(SLOW_ANSWER)
    slow(): Promise<unknown> {
      return slowLookup();
    }
  }

  @Module({
    imports: [ApiwardModule.forRoot({ auth: testAuthOptions(), onSecurityEvent: (event) => void events.push(event) })],
    controllers: [ResetController],
  })
  class UniformTestModule {}
  return UniformTestModule;
}

async function listen(platform: string, create: (module: new () => object) => Promise<INestApplication>): Promise<UniformTestApp> {
  const outbox: Mail[] = [];
  const events: SecurityEvent[] = [];
  const app = await create(uniformModule(outbox, events));
  await app.listen(0, '127.0.0.1');
  return { platform, baseUrl: baseUrlOf(app.getHttpServer() as Server), close: () => app.close(), outbox, events };
}

export const startUniformNestExpressApp = (): Promise<UniformTestApp> =>
  listen('nest-express', (module) => NestFactory.create(module, { logger: false, abortOnError: false }));

export const startUniformNestFastifyApp = (): Promise<UniformTestApp> =>
  listen('nest-fastify', (module) => NestFactory.create(module, new FastifyAdapter(), { logger: false, abortOnError: false }));
