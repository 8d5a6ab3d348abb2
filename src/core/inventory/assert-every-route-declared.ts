import type { InventoryRoute } from './inventory-route';

/** Thrown by `assertEveryRouteDeclared`: lists every route without an apiward declaration. */
export class UndeclaredRoutesError extends Error {
  override readonly name = 'UndeclaredRoutesError';
  constructor(readonly offenders: readonly InventoryRoute[]) {
    super(
      `${offenders.length} route(s) have no apiward declaration (declare Public, LeastPrivilege or AnyAuthenticated on each):\n` +
        offenders.map((route) => `  ${route.method} ${route.path} (${route.handler})`).join('\n'),
    );
  }
}

/**
 * The framework-free core of `expectEveryRouteDeclared(app)`: a test in the user's suite fails, naming the
 * offenders, as soon as someone adds a route without saying who may call it.
 */
export function assertEveryRouteDeclared(routes: readonly InventoryRoute[]): void {
  const offenders = routes.filter((route) => !route.declared);
  if (offenders.length > 0) throw new UndeclaredRoutesError(offenders);
}
