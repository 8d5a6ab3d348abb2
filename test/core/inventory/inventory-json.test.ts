import { toInventoryJson } from '../../../src/core/inventory/inventory-json';
import { buildInventory } from '../../../src/core/inventory/inventory-route';
import { appRoutes } from './fixture-routes';

describe('toInventoryJson', () => {
  it('gives entries with method, path (template), handler and declared, as a detached copy', () => {
    const routes = buildInventory(appRoutes);
    const json = toInventoryJson(routes);
    expect(json.map(({ method, path, declared }) => ({ method, path, declared }))).toContainEqual({ method: 'GET', path: '/api/v1/customers/:id', declared: false });
    expect(json[0]).toHaveProperty('handler');
    (json[0] as { path: string }).path = '/changed';
    expect(routes[0]!.path).not.toBe('/changed');
  });
});
