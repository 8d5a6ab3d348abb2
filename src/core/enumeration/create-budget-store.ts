import type { ResolvedAntiEnumerationOptions } from './anti-enumeration-options';
import type { BudgetStore } from './budget-store';
import { MemoryBudgetStore } from './memory/memory-budget-store';
import { RedisBudgetStore } from './redis/redis-budget-store';

/** The primary store the options describe: yours as given, the bounded memory store, or Redis. */
export function createBudgetStore(options: ResolvedAntiEnumerationOptions): BudgetStore {
  const store = options.store;
  if (store.type === 'custom') return store.store;
  if (store.type === 'memory') return new MemoryBudgetStore({ maxKeys: store.maxKeys });
  return new RedisBudgetStore({ ...store, client: store.client, url: store.url, commandTimeoutMs: options.storeTimeoutMs });
}
