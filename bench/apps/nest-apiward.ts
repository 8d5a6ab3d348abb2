import { Controller, Get, Module, Param, type DynamicModule } from '@nestjs/common';
import { AntiEnumeration, ApiwardModule, LeastPrivilege } from '../../src/nest';
import { BENCH_SCOPE, type BenchSecrets } from '../lib/bench-secrets';
import { apiwardOptions, BENCH_ANTI_ENUMERATION, type ApiwardVariantConfig } from './apiward-options';
import { removeBenchKeys, requireRedis } from './bench-redis';
import { startNest, type NestPlatform } from './start-nest';
import { itemPayload, type ItemPayload, type StartedApp } from './variant-app';

export interface NestApiwardConfig extends ApiwardVariantConfig {
  readonly platform: NestPlatform;
}

/** The protected route as a user writes it: the global guard authenticates, the decorators declare the rest. */
function buildModule(setup: ReturnType<typeof apiwardOptions>): DynamicModule {
  @Controller('bench')
  class ApiwardItemsController {
    @Get('items/:id')
    @LeastPrivilege(BENCH_SCOPE)
    @AntiEnumeration(BENCH_ANTI_ENUMERATION)
    item(@Param('id') id: string): ItemPayload {
      return itemPayload(id);
    }
  }

  @Module({})
  class ApiwardAppModule {}

  return { module: ApiwardAppModule, imports: [ApiwardModule.forRoot(setup.options)], controllers: [ApiwardItemsController] };
}

/** `nest-apiward-hs256`, `-rs256`, `-apikey`, `-redis`, `-fastify`. */
export async function startNestApiward(secrets: BenchSecrets, config: NestApiwardConfig): Promise<StartedApp> {
  if (config.store === 'redis') await requireRedis();
  const setup = apiwardOptions(secrets, config);
  const app = await startNest(buildModule(setup), config.platform);
  const close = config.store === 'redis' ? () => app.close().then(removeBenchKeys) : () => app.close();
  return { port: app.port, close, ...(setup.headers !== undefined ? { headers: setup.headers } : {}) };
}
