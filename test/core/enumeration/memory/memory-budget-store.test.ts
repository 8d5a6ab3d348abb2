import { resolveBlockOptions } from '../../../../src/core/enumeration/block-schedule';
import { MemoryBudgetStore } from '../../../../src/core/enumeration/memory/memory-budget-store';
import type { ConsumePlan } from '../../../../src/core/enumeration/budget-store';
import { minutes } from '../../../../src/core/util/duration';
import { harness, T0 } from '../engine-harness';

const schedule = resolveBlockOptions(undefined, 'block');
const plan = (client: string, extra: Partial<ConsumePlan> = {}): ConsumePlan => ({
  scope: 'GET /x',
  client,
  requests: [{ limit: 5, windowMs: minutes(1) }],
  misses: [{ limit: 5, windowMs: minutes(10) }],
  ...extra,
});

describe('MemoryBudgetStore', () => {
  it('counts in epoch-aligned windows and resets at the boundary', async () => {
    const store = new MemoryBudgetStore({ maxKeys: 10 });
    expect((await store.consume(plan('a'), T0)).requests[0]).toEqual({ count: 1, resetMs: minutes(1) });
    expect((await store.consume(plan('a'), T0 + 59_999)).requests[0]).toEqual({ count: 2, resetMs: 1 });
    expect((await store.consume(plan('a'), T0 + 60_000)).requests[0]).toEqual({ count: 1, resetMs: minutes(1) });
    expect((await store.consume(plan('a'), T0 + minutes(90))).requests[0]?.count).toBe(1);
  });

  it('reads misses without counting them, counts them on recordMiss', async () => {
    const store = new MemoryBudgetStore();
    await store.consume(plan('a'), T0);
    await store.recordMiss({ scope: 'GET /x', client: 'a', windows: plan('a').misses }, T0);
    await store.recordMiss({ scope: 'GET /x', client: 'a', windows: plan('a').misses }, T0);
    expect((await store.consume(plan('a'), T0 + 1)).misses[0]?.count).toBe(2);
    expect((await store.consume(plan('a'), T0 + minutes(10))).misses[0]?.count).toBe(0);
  });

  it('keeps a distinct set exact and bounded by limit + 1', async () => {
    const store = new MemoryBudgetStore();
    const distinct = (member: string) => ({ distinct: { member, windows: [{ limit: 3, windowMs: minutes(10) }] } });
    const counts: number[] = [];
    for (const m of ['aa', 'bb', 'aa', 'cc', 'dd', 'ee', 'ff']) {
      counts.push((await store.consume(plan('a', distinct(m.repeat(12))), T0)).distinct[0]?.count ?? -1);
    }
    expect(counts).toEqual([1, 2, 2, 3, 4, 4, 4]);
  });

  it('blocks without shortening, counts parallel trips as one offence, escalates and forgets', async () => {
    const store = new MemoryBudgetStore();
    await store.consume(plan('a'), T0);
    expect(await store.block({ scope: 'GET /x', client: 'a', minMs: 1_000, schedule }, T0)).toEqual({ blockedMs: minutes(1), offence: 1 });
    expect(await store.block({ scope: 'GET /x', client: 'a', minMs: 1_000, schedule }, T0 + 1_000)).toEqual({ blockedMs: minutes(1) - 1_000, offence: 1 });
    expect((await store.consume(plan('a'), T0 + 30_000)).blockedMs).toBe(30_000);
    expect((await store.block({ scope: 'GET /x', client: 'a', minMs: 0, schedule }, T0 + minutes(1))).offence).toBe(2);
    const later = T0 + minutes(5) + schedule.memoryMs;
    expect((await store.block({ scope: 'GET /x', client: 'a', minMs: 0, schedule }, later)).offence).toBe(1);
  });

  it('stays within maxKeys and keeps blocked offenders blocked under a flood of new keys', async () => {
    const store = new MemoryBudgetStore({ maxKeys: 1_000 });
    for (let i = 0; i < 10; i++) {
      await store.consume(plan(`offender-${i}`), T0);
      await store.block({ scope: 'GET /x', client: `offender-${i}`, minMs: minutes(10), schedule }, T0);
    }
    for (let i = 0; i < 50_000; i++) await store.consume(plan(`flood-${i}`), T0 + 1_000);
    expect(store.trackedKeys).toBeLessThanOrEqual(1_000);
    for (let i = 0; i < 10; i++) expect((await store.consume(plan(`offender-${i}`), T0 + 2_000)).blockedMs).toBeGreaterThan(0);
  });

  it('evicts one-request keys before clients that came back', async () => {
    const store = new MemoryBudgetStore({ maxKeys: 1_000 });
    for (let i = 0; i < 100; i++) await store.consume(plan(`regular-${i}`), T0);
    for (let i = 0; i < 100; i++) await store.consume(plan(`regular-${i}`), T0 + 1);
    for (let i = 0; i < 950; i++) await store.consume(plan(`flood-${i}`), T0 + 2);
    for (let i = 0; i < 100; i++) expect((await store.consume(plan(`regular-${i}`), T0 + 3)).requests[0]?.count).toBe(3);
  });

  it('when every examined key is blocked, the one whose block ends soonest goes', async () => {
    const store = new MemoryBudgetStore({ maxKeys: 1_000 });
    for (let i = 0; i < 1_000; i++) {
      await store.consume(plan(`k${i}`), T0);
      await store.block({ scope: 'GET /x', client: `k${i}`, minMs: i === 100 ? 1_000 : minutes(30), schedule: { ...schedule, baseMs: 1_000 } }, T0);
    }
    await store.consume(plan('newcomer'), T0 + 1);
    expect(store.trackedKeys).toBe(1_000);
    expect((await store.consume(plan('k99'), T0 + 2)).blockedMs).toBeGreaterThan(0);
    expect((await store.consume(plan('k100'), T0 + 2)).blockedMs).toBe(0);
  });

  it('blocked offenders are the last to go across all routes: a flood into their route evicts idle keys of other routes first', async () => {
    const store = new MemoryBudgetStore({ maxKeys: 1_000 });
    const onA = (client: string): ConsumePlan => ({ ...plan(client), scope: 'GET /a' });
    const onB = (client: string): ConsumePlan => ({ ...plan(client), scope: 'GET /b' });
    for (let i = 0; i < 500; i++) {
      await store.consume(onA(`offender-${i}`), T0);
      await store.block({ scope: 'GET /a', client: `offender-${i}`, minMs: minutes(10), schedule }, T0);
    }
    for (let i = 0; i < 500; i++) await store.consume(onB(`idle-${i}`), T0);
    expect(store.trackedKeys).toBe(1_000);
    // Route A needs room and holds only blocked offenders: route B's idle keys go instead.
    await store.consume(onA('newcomer'), T0 + 1_000);
    for (let i = 0; i < 2_000; i++) await store.consume(onA(`flood-${i}`), T0 + 1_000);
    expect(store.trackedKeys).toBe(1_000);
    for (let i = 0; i < 500; i++) expect((await store.consume(onA(`offender-${i}`), T0 + 2_000)).blockedMs).toBeGreaterThan(0);
  });

  it('readBlock reads a block without tracking anyone new', async () => {
    const store = new MemoryBudgetStore();
    await store.consume(plan('a'), T0);
    await store.block({ scope: 'GET /x', client: 'a', minMs: 1_000, schedule }, T0);
    expect(await store.readBlock({ scope: 'GET /x', client: 'a' }, T0 + 15_000)).toBe(45_000);
    expect(await store.readBlock({ scope: 'GET /x', client: 'a' }, T0 + minutes(1))).toBe(0);
    await store.consume(plan('198.51.100.7'), T0);
    await store.block({ scope: 'GET /x', client: '198.51.100.7', minMs: 1_000, schedule }, T0);
    expect(await store.readBlock({ scope: 'GET /x', client: '198.51.100.7' }, T0)).toBe(minutes(1));
    const before = store.trackedKeys;
    expect(await store.readBlock({ scope: 'GET /x', client: 'nobody' }, T0)).toBe(0);
    expect(await store.readBlock({ scope: 'GET /never-seen', client: 'a' }, T0)).toBe(0);
    expect(store.trackedKeys).toBe(before);
  });

  it('through the engine: blocked offenders stay blocked while many keys pass', async () => {
    const h = harness({ store: { type: 'memory', maxKeys: 1_000 } }, { requests: [{ limit: 1, windowMs: minutes(1) }], misses: false, delay: false });
    for (let i = 0; i < 5; i++) {
      await h.call({ remoteAddress: `203.0.113.${i}` });
      expect((await h.call({ remoteAddress: `203.0.113.${i}` })).status).toBe(429);
    }
    for (let i = 0; i < 20_000; i++) await h.call({ remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` });
    h.advance(30_000);
    for (let i = 0; i < 5; i++) expect((await h.call({ remoteAddress: `203.0.113.${i}` })).status).toBe(429);
  });
});
