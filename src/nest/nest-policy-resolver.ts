import type { ModuleRef } from '@nestjs/core';
import type { OwnershipPolicy, OwnershipPolicyClass } from '../core/privilege/ownership-policy';
import type { PolicyClassResolver } from '../core/privilege/resolve-ownership-policy';

/**
 * Resolves `@Owns(PolicyClass)` from the app's providers (any module: the policy may inject repositories).
 * Resolved once per class. A class that is not a provider, or is request-scoped, throws here; the core
 * treats that as a missing policy and denies.
 */
export function nestPolicyResolver(moduleRef: ModuleRef): PolicyClassResolver {
  const resolved = new WeakMap<OwnershipPolicyClass, OwnershipPolicy>();
  return (policyClass) => {
    let instance = resolved.get(policyClass);
    if (instance === undefined) {
      instance = moduleRef.get<OwnershipPolicy>(policyClass as unknown as new () => OwnershipPolicy, { strict: false });
      resolved.set(policyClass, instance);
    }
    return instance;
  };
}
