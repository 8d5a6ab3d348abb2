import { Controller, Get, Inject, Injectable, Module, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { Server } from 'node:http';
import { Apiward, type ApiwardOptions, type SecurityEvent } from '../../src';
import { APIWARD, ApiwardModule, Public } from '../../src/nest';
import { baseUrlOf, get } from '../support/http';
import { testAuthOptions } from '../support/tokens';

@Controller()
class ProbeController {
  @Get('health')
  @Public({ reason: 'probe' })
  health(): { ok: true } {
    return { ok: true };
  }

  @Get('private')
  secret(): { secret: true } {
    return { secret: true };
  }
}

const CONFIG = 'TEST_CONFIG';

/** A stand-in for an app's configuration module (the usual reason to use forRootAsync). */
@Injectable()
class TestConfig {
  readonly events: SecurityEvent[] = [];
  apiward(): ApiwardOptions {
    return { auth: testAuthOptions(), onSecurityEvent: (event) => void this.events.push(event) };
  }
}

@Module({ providers: [{ provide: CONFIG, useClass: TestConfig }], exports: [CONFIG] })
class TestConfigModule {}

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return baseUrlOf(app.getHttpServer() as Server);
}

describe('ApiwardModule.forRoot', () => {
  it('fails at start-up with the TypeError naming an unknown option', async () => {
    const bad = { auth: testAuthOptions(), onSecurityEvnt: () => undefined } as unknown as ApiwardOptions;
    const compiling = Test.createTestingModule({ imports: [ApiwardModule.forRoot(bad)], controllers: [ProbeController] }).compile();
    await expect(compiling).rejects.toThrow(TypeError);
    await expect(
      Test.createTestingModule({ imports: [ApiwardModule.forRoot(bad)], controllers: [ProbeController] }).compile(),
    ).rejects.toThrow(/"onSecurityEvnt"/);
  });

  it('fails at start-up with the TypeError naming a bad auth option', async () => {
    const bad = { auth: testAuthOptions({ jwt: { algorithms: ['none'], publicKey: 'x', issuer: 'i', audience: 'a' } } as never) };
    await expect(Test.createTestingModule({ imports: [ApiwardModule.forRoot(bad)] }).compile()).rejects.toThrow(/auth\.jwt\.algorithms/);
  });

  it('refuses to create the application (NestFactory) with bad options', async () => {
    const bad = { auth: testAuthOptions(), extra: true } as unknown as ApiwardOptions;
    @Module({ imports: [ApiwardModule.forRoot(bad)], controllers: [ProbeController] })
    class BadAppModule {}
    await expect(NestFactory.create(BadAppModule, { logger: false, abortOnError: false })).rejects.toThrow(TypeError);
  });

  it('exposes the engine under APIWARD and guards every route globally', async () => {
    const events: SecurityEvent[] = [];
    @Module({ imports: [ApiwardModule.forRoot({ auth: testAuthOptions(), onSecurityEvent: (e) => void events.push(e) })], controllers: [ProbeController] })
    class AppModule {}
    const app = await NestFactory.create(AppModule, { logger: false, abortOnError: false });
    try {
      expect(app.get(APIWARD)).toBeInstanceOf(Apiward);
      const url = await listen(app);
      expect((await get(url, '/health')).status).toBe(200);
      const denied = await get(url, '/private');
      expect(denied.status).toBe(401);
      expect(denied.text).not.toContain('secret');
      expect(events).toEqual([expect.objectContaining({ type: 'auth.failed', reason: 'missing_credential', route: { method: 'GET', path: '/private' } })]);
    } finally {
      await app.close();
    }
  });
});

describe('default event log', () => {
  it('writes one line per event through Nest\'s logger, context "apiward", without token material', async () => {
    const lines: { message: unknown; context: unknown }[] = [];
    const logger: LoggerService = {
      log: () => undefined,
      error: () => undefined,
      warn: (message: unknown, context?: unknown) => void lines.push({ message, context }),
    };
    @Module({ imports: [ApiwardModule.forRoot({ auth: testAuthOptions() })], controllers: [ProbeController] })
    class LoggingAppModule {}
    const app = await NestFactory.create(LoggingAppModule, { logger, abortOnError: false });
    try {
      const url = await listen(app);
      await get(url, '/private', [['Authorization', 'Bearer abc.def.ghi']]);
      const apiwardLines = lines.filter((l) => l.context === 'apiward');
      expect(apiwardLines).toHaveLength(1);
      expect(String(apiwardLines[0]!.message)).toMatch(/^\{.*"type":"auth\.failed"/);
      expect(String(apiwardLines[0]!.message)).not.toContain('abc.def.ghi');
      expect(String(apiwardLines[0]!.message)).not.toContain('\n');
    } finally {
      await app.close();
    }
  });
});

describe('ApiwardModule.forRootAsync', () => {
  it('builds the options with an injected factory', async () => {
    @Module({
      imports: [
        ApiwardModule.forRootAsync({ imports: [TestConfigModule], inject: [CONFIG], useFactory: (config: TestConfig) => config.apiward() }),
      ],
      controllers: [ProbeController],
    })
    class AsyncAppModule {}
    const app = await NestFactory.create(AsyncAppModule, { logger: false, abortOnError: false });
    try {
      const url = await listen(app);
      expect((await get(url, '/health')).status).toBe(200);
      const denied = await get(url, '/private');
      expect(denied.status).toBe(401);
      expect(denied.headers['www-authenticate']).toMatch(/^Bearer realm="api"/);
      expect(app.get<TestConfig>(CONFIG).events.map((e) => e.type)).toEqual(['auth.failed']);
    } finally {
      await app.close();
    }
  });

  it('fails at start-up when the factory returns bad options', async () => {
    const compiling = Test.createTestingModule({
      imports: [ApiwardModule.forRootAsync({ useFactory: async () => ({ auth: testAuthOptions(), typo: 1 }) as unknown as ApiwardOptions })],
    }).compile();
    await expect(compiling).rejects.toThrow(/"typo"/);
  });

  it('lets other providers inject the engine', async () => {
    @Injectable()
    class UsesEngine {
      constructor(@Inject(APIWARD) readonly ward: Apiward) {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [ApiwardModule.forRootAsync({ useFactory: () => ({ auth: testAuthOptions() }) })],
      providers: [UsesEngine],
    }).compile();
    expect(moduleRef.get(UsesEngine).ward).toBeInstanceOf(Apiward);
    await moduleRef.close();
  });
});
