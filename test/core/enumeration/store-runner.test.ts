import type { BlockResult, BudgetStore, ConsumePlan, ConsumeResult, WindowCount } from '../../../src/core/enumeration/budget-store';
import { MemoryBudgetStore } from '../../../src/core/enumeration/memory/memory-budget-store';
import { minutes } from '../../../src/core/util/duration';
import { resolveAntiEnumerationRoute } from '../../../src/core/enumeration/anti-enumeration-route';
import { harness, ROUTE } from './engine-harness';

/** A networked store stand-in whose behaviour the test switches: healthy, failing, or hanging. */
class SwitchableStore implements BudgetStore {
  readonly name = 'switchable';
  readonly shared = true;
  mode: 'ok' | 'fail' | 'hang' | 'late-reject' = 'ok';
  /** Counting works but recording a block fails (a connection lost between the two calls). */
  failBlock = false;
  calls = 0;
  private readonly inner = new MemoryBudgetStore();

  private gate<T>(answer: () => Promise<T>): Promise<T> {
    this.calls++;
    switch (this.mode) {
      case 'ok':
        return answer();
      case 'fail':
        return Promise.reject(new Error('connection refused'));
      case 'hang':
        return new Promise<T>(() => undefined);
      case 'late-reject':
        return new Promise<T>((_, reject) => setTimeout(() => reject(new Error('late')), 5_000));
    }
  }
  consume(plan: ConsumePlan, now: number): Promise<ConsumeResult> {
    return this.gate(() => this.inner.consume(plan, now));
  }
  recordMiss(plan: Parameters<BudgetStore['recordMiss']>[0], now: number): Promise<readonly WindowCount[]> {
    return this.gate(() => this.inner.recordMiss(plan, now));
  }
  block(plan: Parameters<BudgetStore['block']>[0], now: number): Promise<BlockResult> {
    if (this.failBlock) return Promise.reject(new Error('connection reset'));
    return this.gate(() => this.inner.block(plan, now));
  }
  readBlock(plan: Parameters<BudgetStore['readBlock']>[0], now: number): Promise<number> {
    return this.gate(() => this.inner.readBlock(plan, now));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

const rule = { requests: [{ limit: 2, windowMs: minutes(1) }], misses: false, delay: false } as const;

describe('store failures', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  beforeAll(() => process.on('unhandledRejection', onUnhandled));
  afterAll(() => process.off('unhandledRejection', onUnhandled));
  afterEach(() => jest.useRealTimers());

  it('fail-closed: 503 with Retry-After and a store.failed event; never an open route', async () => {
    const store = new SwitchableStore();
    const h = harness({ store, hashKey: 'k'.repeat(32) }, rule);
    store.mode = 'fail';
    const a = await h.call({});
    expect(a).toMatchObject({ status: 503, code: 'service_unavailable', headers: { 'Retry-After': '1' }, body: { statusCode: 503, message: 'Service Unavailable' } });
    expect(h.events[0]).toMatchObject({ type: 'store.failed', store: 'switchable', operation: 'consume', reason: 'error', action: 'fail-closed', client: '198.51.100.1' });
  });

  it('insurance: the in-memory store counts while the store is down', async () => {
    const store = new SwitchableStore();
    const h = harness({ store, hashKey: 'k'.repeat(32), onStoreError: 'insurance' }, rule);
    store.mode = 'fail';
    const statuses = [(await h.call({})).status, (await h.call({})).status, (await h.call({})).status];
    expect(statuses).toEqual([200, 200, 429]);
    expect(h.events.filter((e) => e.type === 'store.failed').every((e) => e.type === 'store.failed' && e.action === 'insurance')).toBe(true);
  });

  it('a route can choose insurance under a fail-closed module', async () => {
    const store = new SwitchableStore();
    const h = harness({ store, hashKey: 'k'.repeat(32) }, rule);
    store.mode = 'fail';
    expect((await h.call({}, { rule: { ...rule, onStoreError: 'insurance' } })).status).toBe(200);
    expect((await h.call({})).status).toBe(503);
  });

  it('a hanging store is abandoned at storeTimeoutMs; then skipped for storeRetryMs; then tried again', async () => {
    jest.useFakeTimers({ now: Date.UTC(2030, 0, 1) });
    const store = new SwitchableStore();
    const h = harness({ store, hashKey: 'k'.repeat(32), storeTimeoutMs: 200, storeRetryMs: 1_000 }, rule);
    store.mode = 'hang';
    const pending = h.call({});
    await jest.advanceTimersByTimeAsync(199);
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await pending).toMatchObject({ status: 503 });
    expect(h.events[0]).toMatchObject({ type: 'store.failed', reason: 'timeout' });
    // Within storeRetryMs (engine clock), calls do not wait on the store.
    const callsBefore = store.calls;
    expect(await h.call({})).toMatchObject({ status: 503 });
    expect(store.calls).toBe(callsBefore);
    expect(h.events[1]).toMatchObject({ type: 'store.failed', reason: 'unavailable' });
    store.mode = 'ok';
    h.advance(1_000);
    expect((await h.call({})).status).toBe(200);
  });

  it('a rejection arriving after the timeout is absorbed', async () => {
    jest.useFakeTimers({ now: Date.UTC(2030, 0, 1) });
    const store = new SwitchableStore();
    const h = harness({ store, hashKey: 'k'.repeat(32), storeTimeoutMs: 100 }, rule);
    store.mode = 'late-reject';
    const pending = h.call({});
    await jest.advanceTimersByTimeAsync(100);
    expect(await pending).toMatchObject({ status: 503 });
    await jest.advanceTimersByTimeAsync(10_000);
    jest.useRealTimers();
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });

  it('a store failure while recording a miss never reaches the caller', async () => {
    const store = new SwitchableStore();
    const h = harness({ store, hashKey: 'k'.repeat(32) });
    const declaration = resolveAntiEnumerationRoute({ misses: [{ limit: 1, windowMs: minutes(1) }] }, 'route');
    const check = await h.engine.check({ method: 'GET', url: '/', headers: {}, remoteAddress: '198.51.100.1' }, ROUTE, undefined, declaration);
    store.mode = 'fail';
    await expect(check.record({ status: 404 })).resolves.toBeUndefined();
    expect(h.events.some((e) => e.type === 'store.failed' && e.operation === 'recordMiss')).toBe(true);
  });

  it('a store that counts but cannot record the block still refuses with 429 and Retry-After', async () => {
    const store = new SwitchableStore();
    const h = harness({ store, hashKey: 'k'.repeat(32) }, rule);
    expect([(await h.call({})).status, (await h.call({})).status]).toEqual([200, 200]);
    store.failBlock = true;
    expect(await h.call({})).toMatchObject({ status: 429, headers: { 'Retry-After': '60' }, body: { statusCode: 429, message: 'Too Many Requests' } });
    expect(h.events.some((e) => e.type === 'store.failed' && e.operation === 'block')).toBe(true);
  });

  it('unknown-route probing fails closed too: 503 with Retry-After, bounded by storeTimeoutMs, an event', async () => {
    jest.useFakeTimers({ now: Date.UTC(2030, 0, 1) });
    const store = new SwitchableStore();
    const h = harness({ store, hashKey: 'k'.repeat(32), storeTimeoutMs: 200, unknownRoutes: true });
    const probe = (): Promise<unknown> =>
      h.engine.probeUnknownRoute({ method: 'GET', url: '/v9/x', headers: {}, remoteAddress: '198.51.100.9' }, undefined).then(
        () => 404,
        (e: { status: number; headers: Record<string, string> }) => [e.status, e.headers['Retry-After']],
      );
    store.mode = 'hang';
    const pending = probe();
    await jest.advanceTimersByTimeAsync(200);
    expect(await pending).toEqual([503, '1']);
    expect(h.events[0]).toMatchObject({ type: 'store.failed', reason: 'timeout', action: 'fail-closed', route: { path: '*' } });
    const insured = harness({ store: new SwitchableStore(), hashKey: 'k'.repeat(32), onStoreError: 'insurance', unknownRoutes: { budget: [{ limit: 1, windowMs: minutes(1) }] } });
    const insuredProbe = (): Promise<unknown> =>
      insured.engine.probeUnknownRoute({ method: 'GET', url: '/v9/x', headers: {}, remoteAddress: '198.51.100.9' }, undefined).then(
        () => 404,
        (e: { status: number }) => e.status,
      );
    (insured.engine.runner.primary as SwitchableStore).mode = 'fail';
    expect([await insuredProbe(), await insuredProbe()]).toEqual([404, 429]);
  });

  it('a custom store is raced against storeTimeoutMs even when it claims to be local', async () => {
    jest.useFakeTimers({ now: Date.UTC(2030, 0, 1) });
    // What a custom store says about itself is not trusted: "in-process" stores can await a lock or a file.
    const store = Object.assign(new SwitchableStore(), { shared: false, local: true });
    const h = harness({ store, storeTimeoutMs: 150 }, rule);
    store.mode = 'hang';
    const pending = h.call({});
    await jest.advanceTimersByTimeAsync(150);
    expect(await pending).toMatchObject({ status: 503 });
    expect(h.events[0]).toMatchObject({ type: 'store.failed', store: 'switchable', reason: 'timeout' });
  });

  it('the unknown-route block check on real routes: bounded, fail-closed or insured, never open on a fault', async () => {
    jest.useFakeTimers({ now: Date.UTC(2030, 0, 1) });
    const req = { method: 'GET', url: '/ping', headers: {}, remoteAddress: '198.51.100.9' };
    const outcome = (p: Promise<void>): Promise<unknown> => p.then(() => 'pass', (e: { status: number; headers: Record<string, string> }) => [e.status, e.headers['Retry-After']]);
    const store = new SwitchableStore();
    const h = harness({ store, hashKey: 'k'.repeat(32), storeTimeoutMs: 200, unknownRoutes: true });
    store.mode = 'hang';
    const pending = outcome(h.engine.refuseBlockedProber(req, ROUTE));
    await jest.advanceTimersByTimeAsync(200);
    expect(await pending).toEqual([503, '1']);
    expect(h.events[0]).toMatchObject({ type: 'store.failed', operation: 'readBlock', reason: 'timeout', action: 'fail-closed', route: ROUTE });
    const insured = harness({ store: new SwitchableStore(), hashKey: 'k'.repeat(32), onStoreError: 'insurance', unknownRoutes: true });
    (insured.engine.runner.primary as SwitchableStore).mode = 'fail';
    expect(await outcome(insured.engine.refuseBlockedProber(req, ROUTE))).toBe('pass');
    expect(insured.events[0]).toMatchObject({ type: 'store.failed', operation: 'readBlock', action: 'insurance' });
  });

  it('a shared store needs a hashKey', () => {
    expect(() => harness({ store: new SwitchableStore() })).toThrow(/antiEnumeration\.hashKey/);
  });
});

describe('a fault inside the accounting', () => {
  const broken: BudgetStore = {
    name: 'broken',
    shared: false,
    consume: () => {
      throw new TypeError('bug');
    },
    recordMiss: () => Promise.resolve([]),
    block: () => Promise.resolve({ blockedMs: 0, offence: 1 }),
    readBlock: () => {
      throw new TypeError('bug');
    },
    close: () => Promise.resolve(),
  };

  it('closes the route with 503 through enforce, never a raw exception', async () => {
    const h = harness({ store: broken });
    const declaration = resolveAntiEnumerationRoute({}, 'route');
    await expect(h.engine.enforce({ method: 'GET', url: '/', headers: {}, remoteAddress: '198.51.100.1' }, ROUTE, undefined, declaration)).rejects.toMatchObject({ status: 503, code: 'service_unavailable' });
    expect(h.events.some((e) => e.type === 'store.failed' && e.action === 'fail-closed')).toBe(true);
  });

  it('closes every route with 503 when the unknown-route block lookup itself faults', async () => {
    const h = harness({ store: broken, unknownRoutes: true });
    await expect(h.engine.refuseBlockedProber({ method: 'GET', url: '/', headers: {}, remoteAddress: '198.51.100.1' }, ROUTE)).rejects.toMatchObject({ status: 503 });
    expect(h.events.some((e) => e.type === 'store.failed' && e.operation === 'readBlock' && e.action === 'fail-closed')).toBe(true);
  });
});
