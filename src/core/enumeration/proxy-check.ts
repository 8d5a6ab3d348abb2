import type { RequestLike } from '../request-like';
import { parseIp, type IpAddress } from './ip-address';
import { forwardedFor, inNetworks, parseCidr, type ResolvedTrustProxy } from './trust-proxy';

/**
 * Start-up and first-request checks of the proxy setting. A wrong setting fails in one of two quiet
 * ways: too little trust behind a proxy puts every client on the proxy's address (one shared budget,
 * everyone throttled together), too much trust lets clients pick their own address. Neither shows up in
 * a test suite, so apiward says so once, in the log.
 */

const PRIVATE = ['127.0.0.0/8', '::1/128', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16', 'fc00::/7', 'fe80::/10'].map(
  (cidr) => parseCidr(cidr, 'internal'),
);

function isPrivate(ip: IpAddress): boolean {
  return inNetworks(ip, PRIVATE);
}

export interface ProxyCheckContext {
  /**
   * The framework's own proxy setting (Express `app.get('trust proxy')`, Fastify `trustProxy`), when the
   * adapter knows it. apiward never reads it implicitly: the two settings are independent and must agree.
   */
  readonly frameworkTrustProxy?: unknown;
  /** A request as it arrived, to compare the setting with the traffic. */
  readonly sample?: RequestLike;
}

/**
 * A warning text when the proxy setting looks wrong, else `undefined`. Heuristics:
 * 1. a trusted network wider than /8 (IPv4) or /16 (IPv6), e.g. `0.0.0.0/0`: nearly every client is "a proxy";
 * 2. more than 4 hops: rarely real, and every extra hop hands a client-written entry the key;
 * 3. the framework trusts proxies while apiward does not, or the reverse;
 * 4. with a sample request: it carries `X-Forwarded-For` and its TCP peer is a loopback or private
 *    address that apiward does not trust. A client on the internet cannot connect from a private address,
 *    so the peer is almost certainly a proxy, and every client would share its budget.
 */
export function checkProxySetting(trust: ResolvedTrustProxy, context: ProxyCheckContext = {}): string | undefined {
  if (trust.kind === 'list') {
    const wide = trust.networks.find((n) => n.prefixLength < (n.network.family === 4 ? 8 : 16));
    if (wide !== undefined) {
      return 'apiward: antiEnumeration.trustProxy trusts a network wider than /8 (IPv4) or /16 (IPv6): clients inside it can set their own address through X-Forwarded-For. List only your proxies.';
    }
  }
  if (trust.kind === 'hops' && trust.hops > 4) {
    return `apiward: antiEnumeration.trustProxy is ${trust.hops} hops; if fewer proxies sit in front of the app, clients can set their own address through X-Forwarded-For.`;
  }
  const framework = frameworkTrusts(context.frameworkTrustProxy);
  if (framework !== undefined && framework !== (trust.kind !== 'none')) {
    return framework
      ? 'apiward: the framework trusts proxy headers but antiEnumeration.trustProxy is off: budgets are keyed on the TCP peer. Set antiEnumeration.trustProxy to match.'
      : 'apiward: antiEnumeration.trustProxy is set but the framework does not trust proxy headers: check that both describe the same proxies.';
  }
  const sample = context.sample;
  if (sample === undefined || forwardedFor(sample).length === 0 || sample.remoteAddress === undefined) return undefined;
  const peer = parseIp(sample.remoteAddress);
  if (peer === undefined || !isPrivate(peer)) return undefined;
  const peerTrusted = trust.kind === 'hops' || (trust.kind === 'list' && inNetworks(peer, trust.networks));
  if (peerTrusted) return undefined;
  return trust.kind === 'none'
    ? `apiward: requests arrive from ${sample.remoteAddress} with X-Forwarded-For but antiEnumeration.trustProxy is off: every client shares that proxy's budget. Set trustProxy to the number of proxies or their addresses.`
    : `apiward: requests arrive from ${sample.remoteAddress} with X-Forwarded-For, an address not in antiEnumeration.trustProxy: every client behind it shares one budget. Add the proxy's address.`;
}

/** `undefined` when unknown; otherwise whether the framework trusts any proxy. */
function frameworkTrusts(setting: unknown): boolean | undefined {
  if (setting === undefined || setting === null) return undefined;
  if (typeof setting === 'boolean') return setting;
  if (typeof setting === 'number') return setting > 0;
  if (typeof setting === 'string') return setting !== '';
  if (Array.isArray(setting)) return setting.length > 0;
  if (typeof setting === 'function') return true;
  return undefined;
}
