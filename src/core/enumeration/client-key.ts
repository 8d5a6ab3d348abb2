import { createHash } from 'node:crypto';
import type { Principal } from '../auth/principal';
import type { RequestLike } from '../request-like';
import { formatIp, maskIp } from './ip-address';
import { ipv4AsInteger } from './ipv4-key';
import { clientAddress, type ResolvedTrustProxy } from './trust-proxy';

export interface ClientKeySettings {
  readonly trustProxy: ResolvedTrustProxy;
  readonly ipv4PrefixLength: number;
  readonly ipv6PrefixLength: number;
}

/** Clients whose address cannot be read share this one key (and so one budget): stricter, never open. */
export const UNKNOWN_CLIENT = 'addr:unknown';
const MAX_SUBJECT_KEY = 128;

/**
 * Who a budget belongs to. An authenticated caller is its subject (`sub:<subject>`): minting a fresh token
 * for the same subject resets nothing. Anyone else is their address: IPv4 as is (or its /n network when
 * configured), IPv6 by prefix (default /56, a typical customer allocation, so hopping through the 2^72
 * addresses of one delegation buys nothing). Address keys never start with `sub:` (`s`, `u` are not hex),
 * so the two kinds cannot collide. Long subjects are hashed so the key stays small in memory. Keys are
 * built with `join`, which yields one flat string: a million retained keys cost half as much as ropes.
 */
export function clientKey(req: RequestLike, principal: Principal | undefined, settings: ClientKeySettings): string {
  if (principal !== undefined) return subjectKey(principal);
  const direct = settings.trustProxy.kind === 'none' && settings.ipv4PrefixLength === 32 ? canonicalIpv4Peer(req.remoteAddress) : undefined;
  if (direct !== undefined) return direct;
  const ip = clientAddress(req, settings.trustProxy);
  if (ip === undefined) return UNKNOWN_CLIENT;
  if (ip.family === 4) {
    return settings.ipv4PrefixLength === 32 ? formatIp(ip) : [formatIp(maskIp(ip, settings.ipv4PrefixLength)), settings.ipv4PrefixLength].join('/');
  }
  return settings.ipv6PrefixLength === 128 ? formatIp(ip) : [formatIp(maskIp(ip, settings.ipv6PrefixLength)), settings.ipv6PrefixLength].join('/');
}

/**
 * One key string per principal object: a principal served from the verified-token cache is the same frozen
 * object on every request, so its key is built (and, in the memory store's map, hashed) once rather than
 * per request. Principals are frozen; one that is not (a custom API key lookup's) is keyed afresh.
 */
const SUBJECT_KEYS = new WeakMap<Principal, string>();

function subjectKey(principal: Principal): string {
  const frozen = Object.isFrozen(principal);
  let key = frozen ? SUBJECT_KEYS.get(principal) : undefined;
  if (key === undefined) {
    const subject = principal.subject;
    key = subject.length <= MAX_SUBJECT_KEY ? ['sub:', subject].join('') : `sub#${createHash('sha256').update(subject).digest('base64url')}`;
    if (frozen) SUBJECT_KEYS.set(principal, key);
  }
  return key;
}

/**
 * The hot path: a peer address that already is a canonical dotted quad (or one behind the `::ffff:`
 * prefix of a dual-stack socket) is its own key, without parsing and re-formatting it.
 */
function canonicalIpv4Peer(remote: string | undefined): string | undefined {
  if (remote === undefined) return undefined;
  if (ipv4AsInteger(remote) !== undefined) return remote;
  if (remote.startsWith('::ffff:')) {
    const v4 = remote.slice(7);
    if (ipv4AsInteger(v4) !== undefined) return v4;
  }
  return undefined;
}
