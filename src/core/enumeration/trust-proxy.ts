import { optionError } from '../options/validate';
import type { RequestLike } from '../request-like';
import { ipInNetwork, maskIp, parseIp, type IpAddress } from './ip-address';

/**
 * Which proxies may tell us the client's address.
 * - `false`: none; the client is the TCP peer (`socket.remoteAddress`). Right when nothing sits in front.
 * - a number `n` ≥ 1: exactly `n` proxies sit in front of the app; the client is `n` hops back from the
 *   peer along `X-Forwarded-For`. A peer without an address (a Unix socket) counts as the first proxy.
 * - a list: the peer and every `X-Forwarded-For` hop whose address is in one of these addresses or
 *   CIDRs (`'10.0.0.0/8'`, `'::1'`) is a proxy; the client is the first other address walking right to
 *   left. Keywords: `'loopback'`, `'linklocal'`, `'uniquelocal'` (private ranges).
 *
 * `true` ("trust everything") is refused: it would make the left-most `X-Forwarded-For` entry, which any
 * client writes, the key of its own budget.
 */
export type TrustProxy = false | number | readonly string[];

export type ResolvedTrustProxy =
  | { readonly kind: 'none' }
  | { readonly kind: 'hops'; readonly hops: number }
  | { readonly kind: 'list'; readonly networks: readonly Network[]; readonly source: readonly string[] };

export interface Network {
  readonly network: IpAddress;
  readonly prefixLength: number;
}

const KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

export function resolveTrustProxy(value: unknown, path: string): ResolvedTrustProxy {
  if (value === undefined || value === false) return { kind: 'none' };
  if (value === true) {
    throw optionError(path, 'must not be true: trusting every hop lets any client choose its own address. Give the number of proxies or their addresses');
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1 || value > 16) throw optionError(path, 'must be an integer number of proxies from 1 to 16');
    return { kind: 'hops', hops: value };
  }
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) {
    throw optionError(path, 'must be false, a number of proxies, or a non-empty array of proxy addresses / CIDRs');
  }
  const source = Object.freeze([...(value as string[])]);
  const networks = source.flatMap((entry, i) => (KEYWORDS[entry] ?? [entry]).map((cidr) => parseCidr(cidr, `${path}[${i}]`)));
  return { kind: 'list', networks: Object.freeze(networks), source };
}

export function parseCidr(text: string, path: string): Network {
  const slash = text.indexOf('/');
  const ip = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (ip === undefined) throw optionError(path, `is not an IP address, a CIDR or one of ${Object.keys(KEYWORDS).join(', ')}`);
  const max = ip.family === 4 ? 32 : 128;
  const bits = slash === -1 ? max : Number(text.slice(slash + 1));
  if (!Number.isInteger(bits) || bits < 0 || bits > max || !/^\d+$/.test(slash === -1 ? '0' : text.slice(slash + 1))) {
    throw optionError(path, `has an invalid prefix length (0 to ${max})`);
  }
  return { network: maskIp(ip, bits), prefixLength: bits };
}

export function inNetworks(ip: IpAddress, networks: readonly Network[]): boolean {
  return networks.some((n) => ipInNetwork(ip, n.network, n.prefixLength));
}

/**
 * The client's address, walking `X-Forwarded-For` right to left from the TCP peer and stopping at the
 * first hop that is not a trusted proxy. Every entry left of that hop was written by the client itself
 * and buys nothing. An unparsable entry where a trusted proxy should have written an address ends the
 * walk at that proxy: its clients then share one budget, which is stricter, never looser.
 */
export function clientAddress(req: RequestLike, trust: ResolvedTrustProxy): IpAddress | undefined {
  const peer = req.remoteAddress === undefined ? undefined : parseIp(req.remoteAddress);
  if (trust.kind === 'none') return peer;
  // No peer address at all is a Unix socket (or a pipe): only a process on this host can be at its other
  // end, which with a hop count is the first of the declared proxies (nginx on the same machine). Collapsing
  // it into one unknown client would put every client behind that proxy on one shared budget. A listed
  // setting names addresses, and a socket has none: that case stays unknown (one budget, never open).
  if (peer === undefined && !(trust.kind === 'hops' && req.remoteAddress === undefined)) return undefined;
  const hops = forwardedFor(req);
  let current = peer;
  for (let depth = 0; ; depth++) {
    const trusted = trust.kind === 'hops' ? depth < trust.hops : current !== undefined && inNetworks(current, trust.networks);
    if (!trusted) return current;
    const entry = hops[hops.length - 1 - depth];
    if (entry === undefined) return current;
    const next = parseForwardedEntry(entry);
    if (next === undefined) return current;
    current = next;
  }
}

/** `X-Forwarded-For` entries, left to right, across repeated headers. */
export function forwardedFor(req: RequestLike): readonly string[] {
  const raw = req.headers['x-forwarded-for'];
  if (raw === undefined) return [];
  const joined = typeof raw === 'string' ? raw : raw.join(',');
  return joined
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** One entry, tolerating the `1.2.3.4:5678` and `[2001:db8::1]:443` forms some proxies write. */
function parseForwardedEntry(entry: string): IpAddress | undefined {
  const direct = parseIp(entry);
  if (direct !== undefined) return direct;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(entry);
  if (bracketed?.[1] !== undefined) return parseIp(bracketed[1]);
  const v4WithPort = /^([0-9.]+):\d{1,5}$/.exec(entry);
  return v4WithPort?.[1] === undefined ? undefined : parseIp(v4WithPort[1]);
}
