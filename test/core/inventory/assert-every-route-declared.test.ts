import { assertEveryRouteDeclared, UndeclaredRoutesError } from '../../../src/core/inventory/assert-every-route-declared';
import { buildInventory } from '../../../src/core/inventory/inventory-route';
import { appRoutes } from './fixture-routes';

describe('assertEveryRouteDeclared', () => {
  it('passes when every route is declared', () => {
    expect(() => assertEveryRouteDeclared(buildInventory(appRoutes.filter((r) => Object.keys(r.declaration).length > 0)))).not.toThrow();
    expect(() => assertEveryRouteDeclared([])).not.toThrow();
  });

  it('throws listing every offender', () => {
    const routes = buildInventory([...appRoutes, { entry: { method: 'POST', path: '/internal/debug', handler: 'DebugController.dump' }, declaration: {} }]);
    let error: unknown;
    try {
      assertEveryRouteDeclared(routes);
    } catch (err: unknown) {
      error = err;
    }
    expect(error).toBeInstanceOf(UndeclaredRoutesError);
    const e = error as UndeclaredRoutesError;
    expect(e.offenders.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/customers/:id', 'POST /internal/debug']);
    expect(e.message).toBe(
      '2 route(s) have no apiward declaration (declare Public, LeastPrivilege or AnyAuthenticated on each):\n' +
        '  GET /api/v1/customers/:id (LegacyCustomersController.get)\n' +
        '  POST /internal/debug (DebugController.dump)',
    );
  });
});
