import type { Principal } from '../../../src/core/auth/principal';
import { clientKey, UNKNOWN_CLIENT } from '../../../src/core/enumeration/client-key';
import { resolveTrustProxy } from '../../../src/core/enumeration/trust-proxy';
import type { RequestLike } from '../../../src/core/request-like';

const settings = { trustProxy: resolveTrustProxy(false, 't'), ipv4PrefixLength: 32, ipv6PrefixLength: 56 };
const req = (remoteAddress?: string): RequestLike => ({ method: 'GET', url: '/', headers: {}, ...(remoteAddress ? { remoteAddress } : {}) });
const principal = (subject: string, tokenId: string): Principal => ({
  subject,
  kind: 'user',
  scopes: [],
  claims: {},
  authTime: undefined,
  amr: [],
  credential: 'jwt',
  tokenId,
});

describe('clientKey', () => {
  it('is the subject for an authenticated caller, whatever the token or address', () => {
    expect(clientKey(req('198.51.100.1'), principal('10001', 'jti-a'), settings)).toBe('sub:10001');
    expect(clientKey(req('203.0.113.1'), principal('10001', 'jti-b'), settings)).toBe('sub:10001');
    expect(clientKey(req(), principal('x'.repeat(500), 'j'), settings)).toMatch(/^sub#[A-Za-z0-9_-]{43}$/);
  });

  it('is the address otherwise, IPv6 grouped by prefix', () => {
    expect(clientKey(req('::ffff:198.51.100.1'), undefined, settings)).toBe('198.51.100.1');
    expect(clientKey(req('2001:db8:1:2ff::1'), undefined, settings)).toBe('2001:db8:1:200::/56');
    expect(clientKey(req('2001:db8:1:2aa:ffff::9'), undefined, settings)).toBe('2001:db8:1:200::/56');
    expect(clientKey(req('198.51.100.77'), undefined, { ...settings, ipv4PrefixLength: 24 })).toBe('198.51.100.0/24');
    expect(clientKey(req('2001:db8::1'), undefined, { ...settings, ipv6PrefixLength: 128 })).toBe('2001:db8::1');
  });

  it('puts unreadable addresses in one shared key', () => {
    expect(clientKey(req(), undefined, settings)).toBe(UNKNOWN_CLIENT);
    expect(clientKey(req('garbage'), undefined, settings)).toBe(UNKNOWN_CLIENT);
  });

  it('behind a local proxy on a Unix socket (hop count), each forwarded client keeps its own key', () => {
    const oneHop = { ...settings, trustProxy: resolveTrustProxy(1, 't') };
    const forwarded = (xff: string): RequestLike => ({ method: 'GET', url: '/', headers: { 'x-forwarded-for': xff } });
    expect(clientKey(forwarded('198.51.100.1'), undefined, oneHop)).toBe('198.51.100.1');
    expect(clientKey(forwarded('6.6.6.6, 198.51.100.2'), undefined, oneHop)).toBe('198.51.100.2');
    expect(clientKey(req(), undefined, oneHop)).toBe(UNKNOWN_CLIENT);
  });
});
