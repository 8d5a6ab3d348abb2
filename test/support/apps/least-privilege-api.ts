/**
 * The LeastPrivilege e2e API, described once for every platform: customers with identity documents (the
 * Optus record), orders with scopes, an admin tool with step-up (Twitter 2020), tenant documents behind
 * a policy class, a paginated list, versioned routes and a forgotten one (shadow API).
 */
import type { OwnershipContext } from '../../../src';
import { minutes } from '../../../src';

export const SCOPES = {
  customerRead: 'customers:read',
  supportReadAny: 'customers:read:any',
  pii: 'customers:pii',
  ordersRead: 'orders:read',
  ordersWrite: 'orders:write',
  ordersAdmin: 'orders:admin',
  adminAccounts: 'admin:accounts',
} as const;

export const ADMIN_STEP_UP = { mfa: true, maxAuthAgeMs: minutes(10) } as const;
export const HEALTH_REASON = 'load balancer probe';
export const ME_REASON = 'every signed-in caller reads their own principal';
export const CATALOG_REASON = 'the v2 catalog is open to every signed-in caller';

export interface CustomerRow {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly passportNumber: string;
  readonly dateOfBirth: string;
  readonly address: { readonly city: string; readonly street: string };
  readonly passwordHash: string;
}

/** The whole database row, as a careless handler would return it. */
export const CUSTOMERS: ReadonlyMap<number, CustomerRow> = new Map(
  [10001, 10002].map((id) => [
    id,
    {
      id,
      name: `Customer ${id}`,
      email: `c${id}@lp.test`,
      passportNumber: `P${id}`,
      dateOfBirth: '1990-01-01',
      address: { city: 'Sydney', street: `${id} Main St` },
      passwordHash: '$scrypt$secret',
    },
  ]),
);

export const CUSTOMER_EXPOSURE = {
  base: ['id', 'name', 'address.city'],
  byScope: { [SCOPES.pii]: ['passportNumber', 'dateOfBirth'] },
};

export const PAGE_EXPOSURE = { base: ['id', 'name'], within: 'data', envelope: ['total'] };

/** A customer reads only their own record; support reads any. */
export function ownRecordOrSupport(ctx: OwnershipContext): boolean {
  return ctx.principal.scopes.includes(SCOPES.supportReadAny) || ctx.principal.subject === String(ctx.ids.id);
}

/** A policy with a bug: it throws. It must deny, answered like a missing record. */
export function fragilePolicy(): boolean {
  throw new Error('lookup failed');
}

/** Which tenant each document belongs to (the policy class's "repository"). */
export const DOCUMENT_TENANTS: ReadonlyMap<string, string> = new Map([
  ['d1', 't1'],
  ['d2', 't2'],
]);

export function tenantOwnsDocument(ctx: OwnershipContext, tenants: ReadonlyMap<string, string>): boolean {
  return ctx.principal.claims.tenant === tenants.get(String(ctx.ids.docId));
}

export const INVOICE_IDS = [{ param: 'id', in: 'query' as const }];
