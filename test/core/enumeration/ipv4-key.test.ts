import { ipv4AsInteger } from '../../../src/core/enumeration/ipv4-key';

describe('ipv4AsInteger', () => {
  it('maps canonical dotted quads one to one', () => {
    expect(ipv4AsInteger('0.0.0.0')).toBe(0);
    expect(ipv4AsInteger('0.0.0.1')).toBe(1);
    expect(ipv4AsInteger('255.255.255.255')).toBe(-1);
    expect(ipv4AsInteger('203.0.113.7')).toBe((203 << 24) | (113 << 8) | 7);
    const seen = new Set<number | undefined>();
    for (let i = 0; i < 256; i++) seen.add(ipv4AsInteger(`10.${i}.${255 - i}.1`));
    expect(seen.size).toBe(256);
  });

  it.each(['010.0.0.1', '1.2.3', '1.2.3.4.5', '256.0.0.1', '1..2.3', 'sub:1.2.3.4', '2001:db8::1', '1.2.3.4/24', 'abcdefabcdefabcdefabcdef', ''])('keeps %j a string', (key) => {
    expect(ipv4AsInteger(key)).toBeUndefined();
  });
});
