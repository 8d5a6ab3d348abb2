/**
 * The start-up proxy warning on Nest: AntiEnumeration compares `antiEnumeration.trustProxy` with the
 * platform's own proxy setting when the app starts, and logs once when they disagree (budgets keyed on the
 * wrong address fail silently: everyone on the proxy's budget, or clients choosing their own).
 */
import { Controller, Get, Module, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AntiEnumerationOptions } from '../../src';
import { ApiwardModule, Public } from '../../src/nest';
import { testAuthOptions } from '../support/tokens';

@Controller()
class PingController {
  @Get('ping')
  @Public({ reason: 'start-up warning test' })
  ping(): { pong: true } {
    return { pong: true };
  }
}

class RecordingLogger implements LoggerService {
  readonly warnings: string[] = [];
  log(): void {}
  error(): void {}
  debug(): void {}
  verbose(): void {}
  warn(message: unknown): void {
    this.warnings.push(String(message));
  }
}

async function startupWarnings(platform: 'express' | 'fastify', frameworkTrustProxy: boolean, antiEnumeration: AntiEnumerationOptions): Promise<string[]> {
  @Module({ imports: [ApiwardModule.forRoot({ auth: testAuthOptions(), antiEnumeration, onSecurityEvent: () => undefined })], controllers: [PingController] })
  class StartupModule {}
  const logger = new RecordingLogger();
  const app =
    platform === 'fastify'
      ? await NestFactory.create(StartupModule, new FastifyAdapter({ trustProxy: frameworkTrustProxy }), { logger, abortOnError: false })
      : await NestFactory.create(StartupModule, { logger, abortOnError: false });
  if (platform === 'express') (app.getHttpAdapter().getInstance() as { set(name: string, value: unknown): void }).set('trust proxy', frameworkTrustProxy);
  await app.init();
  await app.close();
  return logger.warnings.filter((w) => w.includes('trustProxy'));
}

describe('AntiEnumeration start-up proxy warning on Nest', () => {
  it('Express trusts proxies, apiward does not: one warning', async () => {
    expect(await startupWarnings('express', true, {})).toEqual([expect.stringMatching(/framework trusts proxy headers/)]);
  });

  it('Fastify trusts proxies (FastifyAdapter({ trustProxy })), apiward does not: one warning', async () => {
    expect(await startupWarnings('fastify', true, {})).toEqual([expect.stringMatching(/framework trusts proxy headers/)]);
  });

  it('apiward trusts a proxy that Fastify does not: one warning', async () => {
    expect(await startupWarnings('fastify', false, { trustProxy: 1 })).toEqual([expect.stringMatching(/framework does not trust proxy headers/)]);
  });

  it('a trusted network wider than /8: one warning', async () => {
    expect(await startupWarnings('fastify', true, { trustProxy: ['0.0.0.0/0'] })).toEqual([expect.stringMatching(/wider than \/8/)]);
  });

  it('both agree: silent', async () => {
    expect(await startupWarnings('fastify', false, {})).toEqual([]);
    expect(await startupWarnings('express', false, {})).toEqual([]);
    expect(await startupWarnings('express', true, { trustProxy: 1 })).toEqual([]);
    expect(await startupWarnings('fastify', true, { trustProxy: ['loopback'] })).toEqual([]);
  });
});
