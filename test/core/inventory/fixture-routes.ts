import { toAnyAuthenticated } from '../../../src/core/privilege/any-authenticated';
import { toExposureDeclaration } from '../../../src/core/privilege/exposure';
import { toOwnershipDeclaration, type OwnershipContext } from '../../../src/core/privilege/ownership-policy';
import { toScopeRequirement } from '../../../src/core/privilege/scope-requirement';
import type { RouteDeclaration } from '../../../src/core/route-declaration';
import type { RouteEntry } from '../../../src/core/inventory/inventory-route';

export function ownsCustomer(ctx: OwnershipContext): boolean {
  return ctx.principal.subject === String(ctx.ids.id);
}

/** A small app: public, scoped with ownership and exposure, step-up, any-authenticated, a RequireAuth-only route, a forgotten legacy route. */
export const appRoutes: readonly { entry: RouteEntry; declaration: RouteDeclaration }[] = [
  { entry: { method: 'get', path: '/health', handler: 'HealthController.check' }, declaration: { public: { reason: 'load balancer probe' } } },
  {
    entry: { method: 'GET', path: '/api/customers/:id', handler: 'CustomersController.get' },
    declaration: {
      leastPrivilege: toScopeRequirement([{ anyOf: ['customers:read', 'customers:read:any'] }]),
      ownership: [toOwnershipDeclaration(ownsCustomer, { ids: ['id'] })],
      exposure: toExposureDeclaration({ base: ['id', 'name'], byScope: { 'customers:pii': ['passportNumber', 'dateOfBirth'] } }),
      antiEnumeration: { identifier: 'param:id', kind: 'numeric-id', hashSecret: 's3cr3t', key: (r: unknown) => String(r) },
    } as unknown as RouteDeclaration,
  },
  { entry: { method: 'GET', path: '/api/v1/customers/:id', handler: 'LegacyCustomersController.get', version: '1' }, declaration: {} },
  {
    entry: { method: 'POST', path: '/api/admin/accounts/:id/email', handler: 'AdminController.changeEmail' },
    declaration: { requireAuth: { accept: ['jwt'] }, leastPrivilege: toScopeRequirement(['admin:accounts', { mfa: true, maxAuthAgeMs: 600_000 }]) },
  },
  { entry: { method: 'GET', path: '/api/me', handler: 'MeController.get' }, declaration: { anyAuthenticated: toAnyAuthenticated({ reason: 'a user reads their own profile' }) } },
  { entry: { method: 'GET', path: '/api/reports', handler: 'ReportsController.list' }, declaration: { requireAuth: {} } },
  { entry: { method: 'DELETE', path: '/api/orders/:id', handler: 'OrdersController.remove' }, declaration: { anyAuthenticated: toAnyAuthenticated({ reason: 'x' }), ownership: [toOwnershipDeclaration(undefined, { ids: ['id'] })] } },
];
