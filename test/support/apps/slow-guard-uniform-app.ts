/**
 * A uniform lookup route whose guard stage is slow: the revocation hook waits `GUARD_MS` (on the global
 * `setTimeout`, so a test with jest fake timers drives it). The uniform deadline must count from the start
 * of the guard, not from the end of it. Served on Nest (Express and Fastify platforms), Express 5 and 4;
 * the Express apps serve it from a protected router (`/lookup`) and from markers on a plain app
 * (`/plain-lookup`).
 */
import { Controller, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import express5 from 'express';
import express4 from 'express4';
import type { ApiwardOptions, UniformLookupResponseOptions } from '../../../src';
import { AnyAuthenticated, ApiwardModule, UniformLookupResponse } from '../../../src/nest';
import { createApiward } from '../../../src/express';
import { baseUrlOf } from '../http';
import { testAuthOptions } from '../tokens';
import { listenOn } from './express-test-app';
import type { TestApp } from './test-api';

export const GUARD_MS = 150;
export const SLOW_GUARD_ANSWER: UniformLookupResponseOptions = { status: 202, body: { message: 'If it exists, it was handled.' }, deadlineMs: 400 };
const REASON = 'any signed-in user may ask; the answer is the same for every account';

export interface SlowGuardApp extends TestApp {
  /** One entry per revocation check started (the guard is then past its start). */
  readonly revocationChecks: string[];
}

export type SlowGuardAppFactory = () => Promise<SlowGuardApp>;

function slowOptions(revocationChecks: string[]): ApiwardOptions {
  return {
    auth: testAuthOptions({
      isRevoked: (principal) => {
        revocationChecks.push(principal.subject);
        return new Promise<boolean>((resolve) => setTimeout(() => resolve(false), GUARD_MS));
      },
    }),
    onSecurityEvent: () => undefined,
  };
}

function slowGuardModule(options: ApiwardOptions): new () => object {
  @Controller()
  class LookupController {
    @Post('lookup')
    @AnyAuthenticated({ reason: REASON })
    @UniformLookupResponse(SLOW_GUARD_ANSWER)
    lookup(): unknown {
      return { found: true };
    }
  }

  @Module({ imports: [ApiwardModule.forRoot(options)], controllers: [LookupController] })
  class SlowGuardModule {}
  return SlowGuardModule;
}

async function nest(platform: string, create: (module: new () => object) => Promise<INestApplication>): Promise<SlowGuardApp> {
  const revocationChecks: string[] = [];
  const app = await create(slowGuardModule(slowOptions(revocationChecks)));
  await app.listen(0, '127.0.0.1');
  return { platform, baseUrl: baseUrlOf(app.getHttpServer() as Server), close: () => app.close(), revocationChecks };
}

type ExpressFactory = typeof express5;

async function express(platform: string, factory: ExpressFactory): Promise<SlowGuardApp> {
  const revocationChecks: string[] = [];
  const ward = createApiward(slowOptions(revocationChecks));
  const app = factory();
  app.use(factory.json());
  const lookup = (): unknown => ({ found: true });
  const api = ward.router();
  api.post('/lookup', ward.anyAuthenticated({ reason: REASON }), ward.uniformLookupResponse(SLOW_GUARD_ANSWER, lookup));
  app.use(api);
  app.post('/plain-lookup', ward.anyAuthenticated({ reason: REASON }), ward.uniformLookupResponse(SLOW_GUARD_ANSWER, lookup));
  return { ...(await listenOn(platform, app)), revocationChecks };
}

export const startSlowGuardNestExpress: SlowGuardAppFactory = () => nest('nest-express', (module) => NestFactory.create(module, { logger: false, abortOnError: false }));
export const startSlowGuardNestFastify: SlowGuardAppFactory = () =>
  nest('nest-fastify', (module) => NestFactory.create(module, new FastifyAdapter(), { logger: false, abortOnError: false }));
export const startSlowGuardExpress5: SlowGuardAppFactory = () => express('express5', express5);
export const startSlowGuardExpress4: SlowGuardAppFactory = () => express('express4', express4 as unknown as ExpressFactory);
