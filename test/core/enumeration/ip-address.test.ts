import { formatIp, maskIp, parseIp } from '../../../src/core/enumeration/ip-address';

const text = (s: string): string | undefined => {
  const ip = parseIp(s);
  return ip === undefined ? undefined : formatIp(ip);
};

describe('ip-address', () => {
  it('parses IPv4 strictly', () => {
    expect(text('203.0.113.7')).toBe('203.0.113.7');
    expect(text('010.0.0.1')).toBeUndefined();
    expect(text('256.0.0.1')).toBeUndefined();
    expect(text('1.2.3')).toBeUndefined();
    expect(text('unknown')).toBeUndefined();
  });

  it('unwraps IPv4-mapped IPv6 in both spellings', () => {
    expect(text('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(text('::FFFF:cb00:7107')).toBe('203.0.113.7');
    expect(parseIp('::ffff:203.0.113.7')?.family).toBe(4);
  });

  it('formats IPv6 per RFC 5952 and drops zones', () => {
    expect(text('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(text('fe80::1%eth0')).toBe('fe80::1');
    expect(text('::1')).toBe('::1');
    expect(text('::')).toBe('::');
    expect(text('2001:db8:0:1:0:0:1:1')).toBe('2001:db8:0:1::1:1');
    expect(text('::1.2.3.4')).toBe('::102:304');
  });

  it('masks to a prefix', () => {
    const ip = parseIp('2001:db8:abcd:12ff:1:2:3:4');
    expect(ip && formatIp(maskIp(ip, 56))).toBe('2001:db8:abcd:1200::');
    const v4 = parseIp('203.0.113.77');
    expect(v4 && formatIp(maskIp(v4, 24))).toBe('203.0.113.0');
  });
});
