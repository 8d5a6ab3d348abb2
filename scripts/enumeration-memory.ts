/**
 * Resident memory the AntiEnumerationEngine memory store adds per distinct attacker key, measured by hand:
 *
 *   node --expose-gc -r ts-node/register/transpile-only scripts/enumeration-memory.ts [keys] [maxKeys]
 *
 * Defaults: 1,000,000 keys, the store's default bound (1,000,000). Every key is a distinct IPv4 client
 * making one request to a `numeric-id` route with the library's default budgets (requests, distinct,
 * misses, consecutive), through the whole engine (`check`, then `record` of a 404), so each key carries
 * the complete record a real attacker address would. RSS is read after forced full GCs before and after.
 */
import { AntiEnumerationEngine } from '../src/core/enumeration/anti-enumeration-engine';
import { resolveAntiEnumerationRoute } from '../src/core/enumeration/anti-enumeration-route';
import type { MemoryBudgetStore } from '../src/core/enumeration/memory/memory-budget-store';

const MiB = 1024 * 1024;

function fullGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  for (let i = 0; i < 3; i++) gc();
}

function address(n: number): string {
  return `${11 + (n >>> 24)}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

async function main(): Promise<void> {
  const keys = Number(process.argv[2] ?? 1_000_000);
  const maxKeys = Number(process.argv[3] ?? 1_000_000);
  const engine = AntiEnumerationEngine.create({ store: { type: 'memory', maxKeys }, defaults: { delay: false } }, { emit: () => undefined, log: () => undefined });
  const declaration = resolveAntiEnumerationRoute({ identifier: 'param:id', kind: 'numeric-id' }, 'route');
  const route = { method: 'GET', path: '/api/customers/:id' };
  const hit = async (n: number): Promise<void> => {
    const check = await engine.check({ method: 'GET', url: '/', headers: {}, remoteAddress: address(n), params: { id: String(10_000 + (n % 5_000_000)) } }, route, undefined, declaration);
    await check.record({ status: 404 });
  };
  for (let i = 0; i < 1_000; i++) await hit(keys + i);
  fullGc();
  const before = process.memoryUsage();
  const started = Date.now();
  for (let i = 0; i < keys; i += 1_000) {
    const batch: Promise<void>[] = [];
    for (let j = i; j < Math.min(keys, i + 1_000); j++) batch.push(hit(j));
    await Promise.all(batch);
  }
  const elapsed = Date.now() - started;
  fullGc();
  const after = process.memoryUsage();
  const store = engine.runner.primary as MemoryBudgetStore;
  const tracked = store.trackedKeys;
  const rss = (after.rss - before.rss) / MiB;
  console.log(
    JSON.stringify(
      {
        keys,
        maxKeys,
        trackedKeys: tracked,
        rssDeltaMiB: Number(rss.toFixed(1)),
        heapDeltaMiB: Number(((after.heapUsed - before.heapUsed) / MiB).toFixed(1)),
        externalDeltaMiB: Number(((after.arrayBuffers - before.arrayBuffers) / MiB).toFixed(1)),
        bytesPerTrackedKey: Math.round((after.rss - before.rss) / Math.max(1, Math.min(tracked, keys))),
        secondsElapsed: elapsed / 1000,
      },
      null,
      2,
    ),
  );
  await engine.close();
}

void main();
