import { applyRouteDefaults, resolveAntiEnumerationRoute, resolveBudgets } from '../../src/core/enumeration/anti-enumeration-route';
import { buildConsumePlan } from '../../src/core/enumeration/consume-plan';
import { IdentifierHasher } from '../../src/core/enumeration/identifier-hash';
import { MemoryBudgetStore } from '../../src/core/enumeration/memory/memory-budget-store';
import type { MemorySubject } from './memory-subjects';

/**
 * apiward's AntiEnumeration memory store (default options: bounded at 1,000,000 keys), fed the plan the
 * engine builds for a typical `numeric-id` route with the library's default budgets: every attacker key is
 * a client that requests one id, so each key carries its request, miss, distinct and walk counters.
 */
export const APIWARD_ANTI_ENUMERATION_MEMORY: MemorySubject = {
  name: 'apiward-anti-enumeration-memory',
  setup: async () => {
    const store = new MemoryBudgetStore();
    const rule = applyRouteDefaults(resolveAntiEnumerationRoute({ identifier: 'param:id', kind: 'numeric-id' }, 'bench'), resolveBudgets({}, 'defaults'), 'fail-closed');
    const hasher = new IdentifierHasher();
    let n = 0;
    const hit = (client: string): Promise<unknown> => {
      const id = String(10_000 + (n++ % 5_000_000));
      const plan = buildConsumePlan('GET /bench/items/:id', client, rule, { kind: 'numeric-id', canonical: id, writeBack: undefined }, hasher.hash('numeric-id', id));
      return store.consume(plan, Date.now());
    };
    return { hit, retain: store };
  },
};
