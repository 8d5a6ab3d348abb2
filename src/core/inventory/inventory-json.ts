import type { InventoryRoute } from './inventory-route';

/** One inventory entry as served or written to a file: plain JSON data, stable key order. */
export type InventoryRouteJson = InventoryRoute;

/**
 * The inventory as JSON data (`JSON.stringify(toInventoryJson(routes))`): an array whose entries have
 * `method`, `path` (the route template), `handler`, `version` when versioned, `declared`, `access` and
 * `protections`. A deep copy, so a consumer cannot alter the app's inventory.
 */
export function toInventoryJson(routes: readonly InventoryRoute[]): InventoryRouteJson[] {
  return JSON.parse(JSON.stringify(routes)) as InventoryRouteJson[];
}
