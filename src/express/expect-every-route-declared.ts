import { assertEveryRouteDeclared } from '../core/inventory/assert-every-route-declared';
import type { ExpressPrivilege } from './privilege-markers';

/**
 * For the app's own test suite: fails, listing every offender, when a route registered through
 * `ward.router()` / `ward.protect(app)` carries no apiward marker. (Routes on plain, unprotected apps are
 * invisible to apiward: protect the app to have them inventoried.)
 */
export function expectEveryRouteDeclared(ward: Pick<ExpressPrivilege, 'inventory'>): void {
  assertEveryRouteDeclared(ward.inventory());
}
