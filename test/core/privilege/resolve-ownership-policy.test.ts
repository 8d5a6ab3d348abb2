import type { OwnershipPolicy } from '../../../src/core/privilege/ownership-policy';
import { resolveOwnershipPolicy } from '../../../src/core/privilege/resolve-ownership-policy';

class Simple {
  static built = 0;
  constructor() {
    Simple.built += 1;
  }
  check(): boolean {
    return true;
  }
}

class NeedsRepository {
  constructor(private readonly repo: { owner(): string }) {
    if (repo === undefined) throw new TypeError('repository required');
  }
  check(): boolean {
    return this.repo.owner() === 'x';
  }
}

describe('resolveOwnershipPolicy', () => {
  it('passes functions and policy objects through', () => {
    const fn = (): boolean => true;
    const obj = { check: (): boolean => true };
    expect(resolveOwnershipPolicy(fn)).toBe(fn);
    expect(resolveOwnershipPolicy(obj)).toBe(obj);
    expect(resolveOwnershipPolicy(undefined)).toBeUndefined();
  });

  it('constructs a class once without a container', () => {
    const first = resolveOwnershipPolicy(Simple);
    expect(resolveOwnershipPolicy(Simple)).toBe(first);
    expect(Simple.built).toBe(1);
  });

  it('yields undefined (deny) when a class cannot be constructed', () => {
    expect(resolveOwnershipPolicy(NeedsRepository)).toBeUndefined();
  });

  it('uses the adapter resolver, and treats its failure as missing', () => {
    const instance: OwnershipPolicy = { check: () => true };
    expect(resolveOwnershipPolicy(NeedsRepository, () => instance)).toBe(instance);
    expect(
      resolveOwnershipPolicy(NeedsRepository, () => {
        throw new Error('Nest could not resolve it');
      }),
    ).toBeUndefined();
  });
});
