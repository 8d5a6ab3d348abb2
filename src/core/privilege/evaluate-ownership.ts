import { isOwnershipPolicy, type OwnershipContext, type OwnershipPolicy, type OwnershipPolicyFn } from './ownership-policy';

/** Why an ownership check ended the way it did. Only `allowed` lets the request through. */
export type OwnershipOutcome = 'allowed' | 'denied' | 'threw' | 'rejected' | 'non_boolean' | 'missing_policy';

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Runs a policy and fails closed: only the boolean `true` allows. `'yes'`, `1`, `{}` or a promise of
 * them deny (a truthiness check would let a policy that returns the looked-up row "allow"), and so do a
 * throw, a rejection and a missing policy. Never throws itself.
 */
export async function evaluateOwnership(policy: OwnershipPolicyFn | OwnershipPolicy | undefined, ctx: OwnershipContext): Promise<OwnershipOutcome> {
  let result: unknown;
  try {
    if (typeof policy === 'function') result = policy(ctx);
    else if (isOwnershipPolicy(policy)) result = policy.check(ctx);
    else return 'missing_policy';
  } catch {
    return 'threw';
  }
  if (isThenable(result)) {
    try {
      result = await result;
    } catch {
      return 'rejected';
    }
  }
  if (result === true) return 'allowed';
  return result === false ? 'denied' : 'non_boolean';
}
