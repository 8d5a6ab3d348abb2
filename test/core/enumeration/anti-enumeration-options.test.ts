import { resolveAntiEnumerationOptions, DEFAULT_UNKNOWN_ROUTES } from '../../../src/core/enumeration/anti-enumeration-options';

describe('AntiEnumerationOptions', () => {
  it('has secure, documented defaults', () => {
    const o = resolveAntiEnumerationOptions(undefined, 'antiEnumeration');
    expect(o.store).toEqual({ type: 'memory', maxKeys: 1_000_000 });
    expect(o.trustProxy).toEqual({ kind: 'none' });
    expect([o.ipv4PrefixLength, o.ipv6PrefixLength, o.onStoreError, o.storeTimeoutMs, o.storeRetryMs, o.insuranceMaxKeys]).toEqual([32, 56, 'fail-closed', 250, 1_000, 100_000]);
    expect(o.block).toEqual({ baseMs: 60_000, multiplier: 4, maxMs: 86_400_000, memoryMs: 86_400_000 });
    expect(o.unknownRoutes).toBeUndefined();
    expect(o.hashKey).toBeUndefined();
    expect(resolveAntiEnumerationOptions({ unknownRoutes: true }, 'ae').unknownRoutes).toBe(DEFAULT_UNKNOWN_ROUTES);
  });

  it('builds the Redis store option and requires a hash key for it', () => {
    expect(() => resolveAntiEnumerationOptions({ store: { type: 'redis', url: 'redis://127.0.0.1:6379' } }, 'ae')).toThrow(/ae\.hashKey.*required/);
    const o = resolveAntiEnumerationOptions({ store: { type: 'redis', url: 'redis://127.0.0.1:6379' }, hashKey: 'x'.repeat(32) }, 'ae');
    expect(o.store).toMatchObject({ type: 'redis', url: 'redis://127.0.0.1:6379', keyPrefix: 'apiward:ae', connectTimeoutMs: 2_000 });
  });

  it.each([
    [{ trustproxy: 1 }, /ae\.trustproxy/],
    [{ trustProxy: true }, /ae\.trustProxy/],
    [{ store: 'redis' }, /ae\.store/],
    [{ store: { type: 'redis' } }, /ae\.store.*exactly one of client or url/],
    [{ store: { type: 'redis', url: 'http://x' }, hashKey: 'x'.repeat(32) }, /ae\.store\.url/],
    [{ store: { type: 'redis', client: {} }, hashKey: 'x'.repeat(32) }, /ae\.store\.client/],
    [{ store: { type: 'redis', url: 'redis://127.0.0.1:6379', keyPrefix: 'app:{ae}' }, hashKey: 'x'.repeat(32) }, /ae\.store\.keyPrefix.*braces/],
    [{ store: { type: 'memory', maxKeys: 10 } }, /ae\.store\.maxKeys/],
    [{ store: { type: 'memory', maxkeys: 10_000 } }, /ae\.store\.maxkeys/],
    [{ hashKey: 'short' }, /ae\.hashKey/],
    [{ ipv6PrefixLength: 8 }, /ae\.ipv6PrefixLength/],
    [{ onStoreError: 'open' }, /ae\.onStoreError/],
    [{ storeTimeoutMs: 0 }, /ae\.storeTimeoutMs/],
    [{ defaults: { identifier: 'param:id' } }, /ae\.defaults\.identifier/],
    [{ defaults: { requests: [{ limit: -1, windowMs: 60_000 }] } }, /ae\.defaults\.requests\[0\]\.limit/],
    [{ block: { baseMs: 60_000, maxMs: 1_000 } }, /ae\.block\.maxMs/],
    [{ block: { multiplier: 0 } }, /ae\.block\.multiplier/],
    [{ identifiers: { phone: { defaultCallingCode: 'GB' } } }, /ae\.identifiers\.phone\.defaultCallingCode/],
    [{ unknownRoutes: { budget: false } }, /ae\.unknownRoutes\.budget/],
    [{ unknownRoutes: { limit: 3 } }, /ae\.unknownRoutes\.limit/],
  ])('rejects %j naming the option', (options, message) => {
    expect(() => resolveAntiEnumerationOptions(options, 'ae')).toThrow(message);
  });
});
