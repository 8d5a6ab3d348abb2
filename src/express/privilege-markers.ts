import type { RequestHandler, Response } from 'express';
import type { Apiward } from '../core/apiward';
import { toInventoryJson, type InventoryRouteJson } from '../core/inventory/inventory-json';
import { buildInventory, type InventoryRoute } from '../core/inventory/inventory-route';
import { summarizeInventory, type InventorySummary } from '../core/inventory/inventory-summary';
import { composeRoutePath } from '../core/inventory/route-path';
import { toAnyAuthenticated, type AnyAuthenticatedDeclaration } from '../core/privilege/any-authenticated';
import { toExposureDeclaration, type ExposeFieldsOptions } from '../core/privilege/exposure';
import { toOwnershipDeclaration, type OwnershipOptions, type OwnershipPolicySource } from '../core/privilege/ownership-policy';
import { notFoundError } from '../core/privilege/not-found-answer';
import { toScopeRequirement, type LeastPrivilegeArg } from '../core/privilege/scope-requirement';
import { guardMiddleware } from './guard-middleware';
import type { RouteRegistry } from './route-registry';
import { sendApiwardError } from './send-apiward-error';

/** LeastPrivilege and the route inventory on Express (part of what `createApiward` returns). */
export interface ExpressPrivilege {
  /** Requires every listed scope (`leastPrivilege({ anyOf: [...] })`: one of them; a trailing `{ mfa, maxAuthAgeMs }`: step-up). */
  leastPrivilege(...args: LeastPrivilegeArg[]): RequestHandler;
  /** Any valid principal may call the route, on purpose; `reason` is required (strict authorization). */
  anyAuthenticated(options: AnyAuthenticatedDeclaration): RequestHandler;
  /**
   * Object-level authorization: `policy(ctx)` (or a class with `check(ctx)`, constructed once) must return
   * `true`. `options.ids` is required and non-empty (a `TypeError` naming `owns.ids` otherwise).
   */
  owns(policy: OwnershipPolicySource, options: OwnershipOptions): RequestHandler;
  /** Reduces what the route sends with `res.json` to the allowed fields for the caller's scopes. */
  exposeFields(options: ExposeFieldsOptions): RequestHandler;
  /**
   * Sends the configured not-found answer (`leastPrivilege.notFound`): use it for the route's own "not
   * found" so an ownership denial cannot be told from it.
   */
  notFound(res: Response): void;
  /** Every route registered through `router()` / `protect()`, with full paths where mounts were seen. */
  inventory(): readonly InventoryRoute[];
  /** The inventory as JSON data (entries with `method`, `path`, `declared`, …). */
  inventoryJson(): InventoryRouteJson[];
  /** Logs the inventory summary; every undeclared route is a warning. Call it once routes are registered. */
  logInventory(logger?: Pick<Console, 'log' | 'warn'>): InventorySummary;
}

export function expressPrivilege(engine: Apiward, registry: RouteRegistry): ExpressPrivilege {
  const inventory = (): readonly InventoryRoute[] => {
    const { strict, onDenied } = engine.options.leastPrivilege;
    const routes = registry.list().flatMap((entry) =>
      registry.fullPaths(entry).map((path) => ({ entry: { method: entry.method, path: composeRoutePath(path), handler: entry.handler }, declaration: entry.declaration })),
    );
    return buildInventory(routes, { strict, onDenied });
  };
  return {
    leastPrivilege: (...args) => guardMiddleware(engine, { leastPrivilege: toScopeRequirement(args, 'leastPrivilege') }),
    anyAuthenticated: (options) => guardMiddleware(engine, { anyAuthenticated: toAnyAuthenticated(options, 'anyAuthenticated') }),
    owns: (policy, options) => guardMiddleware(engine, { ownership: [toOwnershipDeclaration(policy, options, 'owns')] }),
    exposeFields: (options) => guardMiddleware(engine, { exposure: toExposureDeclaration(options, 'exposeFields') }),
    notFound: (res) => sendApiwardError(res, notFoundError(engine.options.leastPrivilege.notFound)),
    inventory,
    inventoryJson: () => toInventoryJson(inventory()),
    logInventory: (logger = console) => {
      const summary = summarizeInventory(inventory());
      for (const line of summary.info) logger.log(line);
      for (const line of summary.warnings) logger.warn(line);
      return summary;
    },
  };
}
