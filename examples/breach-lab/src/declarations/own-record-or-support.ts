import type { OwnershipContext } from 'apiward/nest';
import { SCOPES } from '../identity/lab-identity';

/**
 * Object-level authorization for customer records (Optus): a customer reads the record whose id is its
 * own `sub`; a support agent (`customers:read:any`) reads any. `ids.id` is already canonical (apiward
 * refused `010002`, `1e4` and `?id=1&id=2` with 400 before this runs).
 */
export function ownRecordOrSupport(ctx: OwnershipContext): boolean {
  return ctx.principal.scopes.includes(SCOPES.supportReadAny) || String(ctx.ids.id) === ctx.principal.subject;
}
