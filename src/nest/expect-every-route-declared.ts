import { assertEveryRouteDeclared } from '../core/inventory/assert-every-route-declared';
import { ApiwardInventory } from './apiward-inventory';

/** Anything that resolves providers: an `INestApplication`, a `TestingModule`. */
interface ProviderHost {
  get<T>(token: new (...args: never[]) => T): T;
}

/**
 * For the app's own test suite: fails, listing every offender, when a route carries no apiward
 * declaration (`expectEveryRouteDeclared(app)` after `app.init()`). A forgotten route is closed by deny-
 * by-default, but this makes it fail the build before it ships as a shadow API.
 */
export function expectEveryRouteDeclared(app: ProviderHost): void {
  assertEveryRouteDeclared(app.get(ApiwardInventory).routes());
}
