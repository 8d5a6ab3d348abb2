import { buildInventory } from '../../../src/core/inventory/inventory-route';
import { summarizeInventory } from '../../../src/core/inventory/inventory-summary';
import { appRoutes } from './fixture-routes';

describe('summarizeInventory', () => {
  const summary = summarizeInventory(buildInventory(appRoutes));

  it('counts routes and lists each with its protections', () => {
    expect(summary.info[0]).toBe('apiward inventory: 7 route(s), 6 declared, 1 undeclared');
    expect(summary.info).toContain('  GET    /health  public (load balancer probe)');
    expect(summary.info).toContain('  GET    /api/customers/:id  scopes any of customers:read|customers:read:any; ownership ownsCustomer; exposure; anti-enumeration');
    expect(summary.info).toContain('  POST   /api/admin/accounts/:id/email  scopes admin:accounts; step-up mfa max 600000ms');
    expect(summary.info).toContain('  GET    /api/v1/customers/:id  UNDECLARED');
    expect(summary.info).toContain('  GET    /api/reports  denied-by-default');
  });

  it('warns by name about every undeclared route, every route strict mode refuses to all, every missing policy', () => {
    expect(summary.warnings).toEqual([
      'apiward: route DELETE /api/orders/:id (OrdersController.remove) declares ownership without a policy; every request is denied',
      'apiward: route GET /api/reports (ReportsController.list) declares no LeastPrivilege, Public or AnyAuthenticated; strict authorization refuses it to every caller',
      'apiward: undeclared route GET /api/v1/customers/:id (LegacyCustomersController.get): no apiward declaration; deny-by-default keeps it closed to every caller',
    ]);
  });

  it('has no warnings for a fully declared app', () => {
    expect(summarizeInventory(buildInventory(appRoutes.slice(0, 2))).warnings).toEqual([]);
  });
});
