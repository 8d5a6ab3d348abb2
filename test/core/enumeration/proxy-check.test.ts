import { checkProxySetting } from '../../../src/core/enumeration/proxy-check';
import { resolveTrustProxy } from '../../../src/core/enumeration/trust-proxy';
import type { RequestLike } from '../../../src/core/request-like';

const sample = (remoteAddress: string, xff?: string): RequestLike => ({
  method: 'GET',
  url: '/',
  headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
  remoteAddress,
});
const trust = (v: unknown) => resolveTrustProxy(v, 'trustProxy');

describe('checkProxySetting', () => {
  it('warns when a private proxy forwards but apiward trusts none', () => {
    expect(checkProxySetting(trust(false), { sample: sample('127.0.0.1', '198.51.100.9') })).toMatch(/trustProxy is off/);
    expect(checkProxySetting(trust(false), { sample: sample('10.0.0.5', '198.51.100.9') })).toMatch(/10\.0\.0\.5/);
  });

  it('warns when the forwarding private proxy is not in the list', () => {
    expect(checkProxySetting(trust(['192.168.0.1']), { sample: sample('10.0.0.5', '198.51.100.9') })).toMatch(/not in antiEnumeration\.trustProxy/);
  });

  it('stays quiet for direct clients, spoofing attempts from the internet and correct settings', () => {
    expect(checkProxySetting(trust(false), { sample: sample('127.0.0.1') })).toBeUndefined();
    expect(checkProxySetting(trust(false), { sample: sample('198.51.100.9', '1.2.3.4') })).toBeUndefined();
    expect(checkProxySetting(trust(['loopback']), { sample: sample('127.0.0.1', '198.51.100.9') })).toBeUndefined();
    expect(checkProxySetting(trust(1), { sample: sample('10.0.0.5', '198.51.100.9') })).toBeUndefined();
    expect(checkProxySetting(trust(false))).toBeUndefined();
  });

  it('warns about settings that trust too much or disagree with the framework', () => {
    expect(checkProxySetting(trust(['0.0.0.0/0']))).toMatch(/wider than/);
    expect(checkProxySetting(trust(8))).toMatch(/8 hops/);
    expect(checkProxySetting(trust(false), { frameworkTrustProxy: true })).toMatch(/framework trusts/);
    expect(checkProxySetting(trust(1), { frameworkTrustProxy: false })).toMatch(/framework does not/);
    expect(checkProxySetting(trust(1), { frameworkTrustProxy: 1 })).toBeUndefined();
  });
});
