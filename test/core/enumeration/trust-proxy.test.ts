import { formatIp } from '../../../src/core/enumeration/ip-address';
import { clientAddress, resolveTrustProxy } from '../../../src/core/enumeration/trust-proxy';
import type { RequestLike } from '../../../src/core/request-like';

const req = (remoteAddress: string, xff?: string | string[]): RequestLike => ({
  method: 'GET',
  url: '/',
  headers: xff === undefined ? {} : { 'x-forwarded-for': xff },
  remoteAddress,
});

const addr = (r: RequestLike, trust: unknown): string | undefined => {
  const ip = clientAddress(r, resolveTrustProxy(trust, 'trustProxy'));
  return ip === undefined ? undefined : formatIp(ip);
};

describe('trustProxy', () => {
  it('by default ignores X-Forwarded-For entirely', () => {
    expect(addr(req('198.51.100.9', '1.1.1.1'), undefined)).toBe('198.51.100.9');
    expect(addr(req('::ffff:198.51.100.9', '1.1.1.1'), false)).toBe('198.51.100.9');
  });

  it('with a hop count takes the entry that many hops back, never a client-written one', () => {
    // The client wrote "6.6.6.6"; the one proxy appended the client's real address.
    expect(addr(req('10.0.0.2', '6.6.6.6, 198.51.100.9'), 1)).toBe('198.51.100.9');
    expect(addr(req('10.0.0.2', '6.6.6.6, 198.51.100.9, 10.0.0.1'), 2)).toBe('198.51.100.9');
    expect(addr(req('10.0.0.2', ['6.6.6.6', '198.51.100.9']), 1)).toBe('198.51.100.9');
    expect(addr(req('10.0.0.2'), 1)).toBe('10.0.0.2');
  });

  it('with a list walks right to left past trusted hops only', () => {
    const trust = ['10.0.0.0/8', 'loopback'];
    expect(addr(req('10.0.0.2', '6.6.6.6, 198.51.100.9, 10.1.2.3'), trust)).toBe('198.51.100.9');
    expect(addr(req('127.0.0.1', '198.51.100.9'), trust)).toBe('198.51.100.9');
    // An untrusted peer's header is the client's own writing: ignored.
    expect(addr(req('198.51.100.50', '6.6.6.6'), trust)).toBe('198.51.100.50');
    // All hops trusted: the left-most one.
    expect(addr(req('10.0.0.2', '10.0.0.9'), trust)).toBe('10.0.0.9');
  });

  it('tolerates ports and brackets; stops at garbage on the trusted proxy', () => {
    expect(addr(req('10.0.0.2', '198.51.100.9:5555'), 1)).toBe('198.51.100.9');
    expect(addr(req('10.0.0.2', '[2001:db8::9]:443'), 1)).toBe('2001:db8::9');
    expect(addr(req('10.0.0.2', 'unknown'), 1)).toBe('10.0.0.2');
  });

  it('a Unix-socket peer (no address) is the local proxy with a hop count; clients stay apart', () => {
    const viaSocket = (xff?: string): RequestLike => ({ method: 'GET', url: '/', headers: xff === undefined ? {} : { 'x-forwarded-for': xff }, remoteAddress: undefined });
    expect(addr(viaSocket('6.6.6.6, 198.51.100.9'), 1)).toBe('198.51.100.9');
    expect(addr(viaSocket('198.51.100.10'), 1)).toBe('198.51.100.10');
    expect(addr(viaSocket('6.6.6.6, 198.51.100.9, 10.0.0.1'), 2)).toBe('198.51.100.9');
    // Nothing forwarded, or no proxy trusted, or trust by address (a socket has none): unknown, one shared budget.
    expect(addr(viaSocket(), 1)).toBeUndefined();
    expect(addr(viaSocket('198.51.100.9'), false)).toBeUndefined();
    expect(addr(viaSocket('198.51.100.9'), ['loopback'])).toBeUndefined();
    // An address that is present but unreadable is not a socket: it is not trusted as a proxy.
    expect(addr({ ...viaSocket('198.51.100.9'), remoteAddress: 'garbage' }, 1)).toBeUndefined();
  });

  it('refuses unsafe or malformed settings', () => {
    expect(() => resolveTrustProxy(true, 'antiEnumeration.trustProxy')).toThrow(/antiEnumeration\.trustProxy.*must not be true/);
    expect(() => resolveTrustProxy(0, 't')).toThrow(TypeError);
    expect(() => resolveTrustProxy([], 't')).toThrow(TypeError);
    expect(() => resolveTrustProxy(['10.0.0.0/33'], 't')).toThrow(/t\[0\]/);
    expect(() => resolveTrustProxy(['proxy.internal'], 't')).toThrow(/t\[0\]/);
    expect(() => resolveTrustProxy('1', 't')).toThrow(TypeError);
  });
});
