import { isOwnershipPolicyClass, type OwnershipPolicy, type OwnershipPolicyClass, type OwnershipPolicyFn, type OwnershipPolicySource } from './ownership-policy';

/** Turns a policy class into an instance; `undefined` when it cannot (the route then denies). */
export type PolicyClassResolver = (policyClass: OwnershipPolicyClass) => OwnershipPolicy | undefined;

const constructed = new WeakMap<OwnershipPolicyClass, OwnershipPolicy | undefined>();

/** Without a dependency-injection container, a policy class is constructed once with no arguments. */
function constructOnce(policyClass: OwnershipPolicyClass): OwnershipPolicy | undefined {
  if (constructed.has(policyClass)) return constructed.get(policyClass);
  let instance: OwnershipPolicy | undefined;
  try {
    instance = new (policyClass as unknown as new () => OwnershipPolicy)();
  } catch {
    instance = undefined;
  }
  constructed.set(policyClass, instance);
  return instance;
}

/** The callable form of a declared policy; a class that cannot be resolved yields `undefined` (denies). */
export function resolveOwnershipPolicy(
  source: OwnershipPolicySource | undefined,
  resolveClass: PolicyClassResolver = constructOnce,
): OwnershipPolicyFn | OwnershipPolicy | undefined {
  if (!isOwnershipPolicyClass(source)) return source as OwnershipPolicyFn | OwnershipPolicy | undefined;
  try {
    return resolveClass(source);
  } catch {
    return undefined;
  }
}
