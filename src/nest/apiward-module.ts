import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule, ModuleRef } from '@nestjs/core';
import { Apiward, type ApiwardOptions } from '../core/apiward';
import { APIWARD_OPTIONS, ApiwardConfigurableModule } from './apiward-module-definition';
import { APIWARD } from './apiward-token';
import { ApiwardGuard } from './apiward-guard';
import { nestEventLog } from './nest-event-log';
import { ApiwardInventory } from './apiward-inventory';
import { withNestNotFound } from './nest-not-found-default';
import { nestPolicyResolver } from './nest-policy-resolver';
import { AntiEnumerationBootstrap } from './anti-enumeration-bootstrap';

/**
 * Creates the app's one `Apiward` engine from the module options and installs `ApiwardGuard` as a global
 * guard: every route of the app requires an authenticated principal unless it is declared `@Public`.
 * The engine is built by a factory provider, so invalid options throw their `TypeError` while the app
 * starts, never on the first request.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: APIWARD,
      // Ownership denials answer like Nest's NotFoundException unless configured; policy classes come from the providers.
      useFactory: (options: ApiwardOptions, moduleRef: ModuleRef): Apiward =>
        Apiward.create(withNestNotFound(options), { log: nestEventLog(), resolvePolicyClass: nestPolicyResolver(moduleRef) }),
      inject: [APIWARD_OPTIONS, ModuleRef],
    },
    { provide: APP_GUARD, useClass: ApiwardGuard },
    // No global interceptor: @UniformLookupResponse and @ExposeFields attach ApiwardResponseInterceptor to
    // their own routes, so a route without them pays nothing after the guard.
    ApiwardInventory,
    // Proxy-setting check, unknown-route probing (opt-in) and closing the store's own connection.
    AntiEnumerationBootstrap,
  ],
  exports: [APIWARD, ApiwardInventory],
})
export class ApiwardModule extends ApiwardConfigurableModule {}
