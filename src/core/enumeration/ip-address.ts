import { isIPv6 } from 'node:net';

/**
 * IP addresses as bytes: 4 for IPv4, 16 for IPv6. Client keys and proxy trust compare bytes, never
 * strings, so `::ffff:203.0.113.7`, `::FFFF:cb00:7107` and `203.0.113.7` are one client.
 */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly bytes: Uint8Array;
}

const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$/;

/**
 * Parses one address. IPv4 only in strict dotted-quad form (no leading zeros: `010.0.0.1` is octal to
 * some parsers and decimal to others). An IPv6 zone (`%eth0`) is dropped. IPv4-mapped IPv6
 * (`::ffff:a.b.c.d`) is unwrapped to IPv4: dual-stack sockets report IPv4 peers that way.
 */
export function parseIp(text: string): IpAddress | undefined {
  if (IPV4.test(text)) return { family: 4, bytes: Uint8Array.from(text.split('.'), Number) };
  const zone = text.indexOf('%');
  const v6 = zone === -1 ? text : text.slice(0, zone);
  if (!isIPv6(v6)) return undefined;
  const bytes = ipv6Bytes(v6.toLowerCase());
  if (bytes === undefined) return undefined;
  if (isV4Mapped(bytes)) return { family: 4, bytes: bytes.slice(12) };
  return { family: 6, bytes };
}

function isV4Mapped(b: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (b[i] !== 0) return false;
  return b[10] === 0xff && b[11] === 0xff;
}

function ipv6Bytes(text: string): Uint8Array | undefined {
  let groups: string[];
  let tail: number[] = [];
  let head = text;
  const lastColon = text.lastIndexOf(':');
  const maybeV4 = text.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    if (!IPV4.test(maybeV4)) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = maybeV4.split('.').map(Number);
    tail = [(a << 8) | b, (c << 8) | d];
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const want = 8 - tail.length;
  const gap = head.indexOf('::');
  if (gap === -1) {
    groups = head === '' ? [] : head.split(':');
  } else {
    const left = head.slice(0, gap) === '' ? [] : head.slice(0, gap).split(':');
    const right = head.slice(gap + 2) === '' ? [] : head.slice(gap + 2).split(':');
    groups = [...left, ...Array<string>(want - left.length - right.length).fill('0'), ...right];
  }
  if (groups.length !== want) return undefined;
  const words = [...groups.map((g) => parseInt(g, 16)), ...tail];
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[i * 2] = w >> 8;
    bytes[i * 2 + 1] = w & 0xff;
  });
  return bytes;
}

/** Keeps the first `prefixLength` bits, zeroing the rest. */
export function maskIp(ip: IpAddress, prefixLength: number): IpAddress {
  const bytes = new Uint8Array(ip.bytes);
  for (let i = 0; i < bytes.length; i++) {
    const keep = Math.max(0, Math.min(8, prefixLength - i * 8));
    bytes[i] = (bytes[i] ?? 0) & ((0xff << (8 - keep)) & 0xff);
  }
  return { family: ip.family, bytes };
}

/** True when `ip` lies in `network` (already masked to `prefixLength`). */
export function ipInNetwork(ip: IpAddress, network: IpAddress, prefixLength: number): boolean {
  if (ip.family !== network.family) return false;
  const masked = maskIp(ip, prefixLength).bytes;
  for (let i = 0; i < masked.length; i++) if (masked[i] !== network.bytes[i]) return false;
  return true;
}

/** Dotted quad, or RFC 5952 text (lower case, longest run of zero groups as `::`). */
export function formatIp(ip: IpAddress): string {
  const b = ip.bytes;
  // `join` builds one flat string; a template literal may build a rope, which costs a store key twice.
  if (ip.family === 4) return [b[0], b[1], b[2], b[3]].join('.');
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((b[i] ?? 0) << 8) | (b[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart === -1) return hex.join(':');
  return [hex.slice(0, bestStart).join(':'), hex.slice(bestStart + bestLength).join(':')].join('::');
}
