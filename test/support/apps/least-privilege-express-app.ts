import express5 from 'express';
import express4 from 'express4';
import type { Request, Response } from 'express';
import type { ApiwardOptions, OwnershipContext, OwnershipPolicy } from '../../../src';
import { createApiward, type ExpressApiward, type RouteHost } from '../../../src/express';
import { listenOn } from './express-test-app';
import {
  ADMIN_STEP_UP,
  CATALOG_REASON,
  CUSTOMER_EXPOSURE,
  CUSTOMERS,
  DOCUMENT_TENANTS,
  fragilePolicy,
  HEALTH_REASON,
  INVOICE_IDS,
  ME_REASON,
  ownRecordOrSupport,
  PAGE_EXPOSURE,
  SCOPES,
  tenantOwnsDocument,
} from './least-privilege-api';
import type { TestApp } from './test-api';

/** Without a container, a policy class is constructed once with `new`. */
class TenantPolicy implements OwnershipPolicy {
  private readonly tenants = DOCUMENT_TENANTS;
  check(ctx: OwnershipContext): boolean {
    return tenantOwnsDocument(ctx, this.tenants);
  }
}

/** A policy class that cannot be constructed (it needs a dependency nobody gives it): every request is denied. */
class UnconstructablePolicy implements OwnershipPolicy {
  constructor(private readonly repo: { owns(): boolean }) {
    if (repo === undefined) throw new TypeError('repository required');
  }
  check(): boolean {
    return this.repo.owns();
  }
}

type Host = RouteHost & {
  get(path: string, ...handlers: unknown[]): unknown;
  post(path: string, ...handlers: unknown[]): unknown;
  use(...args: unknown[]): unknown;
};

export interface ExpressLeastPrivilegeApp extends TestApp {
  readonly ward: ExpressApiward;
}

function register(app: Host, ward: ExpressApiward, json: () => unknown, router: () => Host): void {
  const ok = (_req: Request, res: Response): void => void res.json({ ok: true });
  const leaked = (_req: Request, res: Response): void => void res.json({ leaked: true });
  app.get('/health', ward.public({ reason: HEALTH_REASON }), (_req: Request, res: Response) => res.json({ status: 'ok' }));

  const v1 = router();
  // The legacy version nobody declared: closed by deny-by-default, listed as undeclared.
  v1.get('/catalog/:id', function catalogV1(req: Request, res: Response) {
    res.json({ id: req.params.id, version: 1 });
  });
  const v2 = router();
  v2.get('/catalog/:id', ward.anyAuthenticated({ reason: CATALOG_REASON }), function catalogV2(req: Request, res: Response) {
    res.json({ id: req.params.id, version: 2 });
  });
  app.use('/api/v1', v1);
  app.use('/api/v2', v2);

  const api = router();
  api.use(json());
  api.get(
    '/customers/:id',
    ward.leastPrivilege({ anyOf: [SCOPES.customerRead, SCOPES.supportReadAny] }),
    ward.owns(ownRecordOrSupport, { ids: ['id'] }),
    ward.exposeFields(CUSTOMER_EXPOSURE),
    function customer(req: Request, res: Response) {
      const row = CUSTOMERS.get(Number(req.params.id));
      if (row === undefined) ward.notFound(res);
      else res.json(row);
    },
  );
  api.get('/customers', ward.leastPrivilege(SCOPES.supportReadAny), ward.exposeFields(PAGE_EXPOSURE), function customers(_req: Request, res: Response) {
    res.json({ data: [...CUSTOMERS.values()], total: CUSTOMERS.size, debug: { query: 'select * from customers' } });
  });
  api.get('/invoices', ward.anyAuthenticated({ reason: 'invoices are filtered by the policy' }), ward.owns(() => true, { ids: INVOICE_IDS }), (req: Request, res: Response) => {
    res.json({ id: req.query.id });
  });
  api.get('/orders', ward.leastPrivilege(SCOPES.ordersRead, SCOPES.ordersWrite), ok);
  api.get('/orders/summary', ward.leastPrivilege({ anyOf: [SCOPES.ordersRead, SCOPES.ordersAdmin] }), ok);
  api.post('/admin/accounts/:id/email', ward.leastPrivilege(SCOPES.adminAccounts, ADMIN_STEP_UP), (req: Request, res: Response) => {
    res.json({ changed: req.params.id });
  });
  api.get(
    '/tenants/:tenantId/documents/:docId',
    ward.anyAuthenticated({ reason: 'tenancy is checked by TenantPolicy' }),
    ward.owns(TenantPolicy, { ids: [{ param: 'docId', kind: 'opaque' }], onDenied: 'forbidden' }),
    (req: Request, res: Response) => res.json({ docId: req.params.docId }),
  );
  api.get('/fragile/:id', ward.anyAuthenticated({ reason: 'ownership decides' }), ward.owns(fragilePolicy, { ids: ['id'] }), leaked);
  api.get('/unresolvable/:id', ward.anyAuthenticated({ reason: 'ownership decides' }), ward.owns(UnconstructablePolicy, { ids: ['id'] }), leaked);
  api.get('/me', ward.anyAuthenticated({ reason: ME_REASON }), (req: Request, res: Response) => res.json({ subject: req.principal?.subject }));
  api.get('/reports', ward.requireAuth(), leaked);
  api.get('/forgotten', leaked);
  app.use('/api', api);
}

export async function startExpress5LeastPrivilege(options: ApiwardOptions): Promise<ExpressLeastPrivilegeApp> {
  const ward = createApiward(options);
  const app = ward.protect(express5());
  register(app as unknown as Host, ward, () => express5.json(), () => ward.router() as unknown as Host);
  return { ...(await listenOn('express5', app)), ward };
}

export async function startExpress4LeastPrivilege(options: ApiwardOptions): Promise<ExpressLeastPrivilegeApp> {
  const ward = createApiward(options);
  const app = ward.protect(express4());
  register(app as unknown as Host, ward, () => express4.json(), () => ward.protect(express4.Router()) as unknown as Host);
  return { ...(await listenOn('express4', app)), ward };
}
