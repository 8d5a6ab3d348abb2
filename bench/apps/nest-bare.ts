import { Controller, Get, Module, Param } from '@nestjs/common';
import { startNest, type NestPlatform } from './start-nest';
import { itemPayload, type ItemPayload, type StartedApp } from './variant-app';

@Controller('bench')
class BareItemsController {
  @Get('items/:id')
  item(@Param('id') id: string): ItemPayload {
    return itemPayload(id);
  }
}

@Module({ controllers: [BareItemsController] })
class BareAppModule {}

/** `nest-bare` / `nest-bare-fastify`: the baseline, nothing but the route. */
export function startNestBare(platform: NestPlatform): Promise<StartedApp> {
  return startNest(BareAppModule, platform);
}
