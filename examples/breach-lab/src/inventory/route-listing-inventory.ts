import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { LabInventory, type LabInventoryEntry } from './lab-inventory';

/**
 * The unprotected build has no apiward, so nothing is declared: this lists the routes Nest serves, from
 * the controllers' own metadata, every one `declared: false`. Nobody in the incidents had even this list.
 */
export class RouteListingInventory extends LabInventory {
  private readonly entries: readonly LabInventoryEntry[];

  constructor(controllers: readonly Type<unknown>[]) {
    super();
    this.entries = controllers.flatMap(listRoutes);
  }

  routes(): readonly LabInventoryEntry[] {
    return this.entries;
  }
}

function listRoutes(controller: Type<unknown>): LabInventoryEntry[] {
  const base = pathOf(controller);
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (name === 'constructor' || typeof handler !== 'function') return [];
    const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
    if (typeof method !== 'number') return [];
    const path = `/${[base, pathOf(handler)].filter((part) => part !== '').join('/')}`;
    return [{ method: RequestMethod[method] ?? 'ALL', path, declared: false, handler: `${controller.name}.${name}` }];
  });
}

function pathOf(target: object): string {
  const path: unknown = Reflect.getMetadata(PATH_METADATA, target);
  return typeof path === 'string' ? path.replace(/^\/+|\/+$/g, '') : '';
}
