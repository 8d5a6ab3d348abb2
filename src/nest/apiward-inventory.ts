import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ApplicationConfig, DiscoveryService, ModuleRef, ModulesContainer, Reflector } from '@nestjs/core';
import type { Apiward } from '../core/apiward';
import { toInventoryJson, type InventoryRouteJson } from '../core/inventory/inventory-json';
import { buildInventory, type InventoryRoute } from '../core/inventory/inventory-route';
import { summarizeInventory } from '../core/inventory/inventory-summary';
import { isOwnershipPolicyClass } from '../core/privilege/ownership-policy';
import { APIWARD } from './apiward-token';
import { discoverNestRoutes, type DiscoveredRoute } from './nest-route-discovery';
import { assertResponseDeclarationsApply } from './handler-writes-response';
import { RouteDeclarationCache } from './route-declaration-cache';

/**
 * The route inventory (threat model §6, shadow APIs): every route of the app with its full path (global
 * prefix, version, controller and handler paths), handler, and the protections declared on it. Built
 * once at bootstrap, when it also logs a summary naming every undeclared route as a warning.
 *
 * Inject it (`constructor(private readonly inventory: ApiwardInventory)`) or read it in a test with
 * `app.get(ApiwardInventory).routes()`; `expectEveryRouteDeclared(app)` builds on it.
 */
@Injectable()
export class ApiwardInventory implements OnApplicationBootstrap {
  private built: readonly InventoryRoute[] | undefined;
  private readonly logger = new Logger('ApiwardInventory');

  constructor(
    @Inject(APIWARD) private readonly ward: Apiward,
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(ApplicationConfig) private readonly config: ApplicationConfig,
    @Inject(ModulesContainer) private readonly modules: ModulesContainer,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ModuleRef) private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    const discovered = this.discover();
    assertResponseDeclarationsApply(discovered);
    this.built = this.inventoryOf(discovered);
    const summary = summarizeInventory(this.built);
    for (const line of summary.info) this.logger.log(line);
    for (const line of [...summary.warnings, ...this.unresolvablePolicies(discovered)]) this.logger.warn(line);
  }

  /** Every route, sorted by path then method. Built at bootstrap (or on first call before it). */
  routes(): readonly InventoryRoute[] {
    this.built ??= this.inventoryOf(this.discover());
    return this.built;
  }

  /** The inventory as JSON data: entries with `method`, `path` (the template), `declared`, … */
  toJSON(): InventoryRouteJson[] {
    return toInventoryJson(this.routes());
  }

  private discover(): DiscoveredRoute[] {
    return discoverNestRoutes({ discovery: this.discovery, config: this.config, modules: this.modules, declarations: new RouteDeclarationCache(this.reflector) });
  }

  private inventoryOf(discovered: readonly DiscoveredRoute[]): readonly InventoryRoute[] {
    const { strict, onDenied } = this.ward.options.leastPrivilege;
    return buildInventory(discovered, { strict, onDenied });
  }

  /** A policy class Nest cannot resolve denies every request: say so at start-up, not at the first 404. */
  private unresolvablePolicies(discovered: readonly DiscoveredRoute[]): string[] {
    const warnings: string[] = [];
    for (const { entry, declaration } of discovered) {
      for (const { policy, policyName } of declaration.ownership ?? []) {
        if (!isOwnershipPolicyClass(policy)) continue;
        try {
          this.moduleRef.get(policy, { strict: false });
        } catch {
          warnings.push(`apiward: route ${entry.method} ${entry.path}: ownership policy ${policyName} is not a provider Nest can resolve; every request is denied`);
        }
      }
    }
    return warnings;
  }
}
