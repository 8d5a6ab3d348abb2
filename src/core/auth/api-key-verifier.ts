import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthFailures } from './auth-errors';
import { parseApiKey } from './api-key';
import type { ResolvedApiKeyOptions, StoredApiKey } from './api-key-options';
import type { Principal } from './principal';
import { validScopes } from './scopes';

export type ApiKeyVerifier = (presented: string) => Promise<Principal>;

const HASH = /^[0-9a-f]{64}$/i;
const NO_CLAIMS: Readonly<Record<string, unknown>> = Object.freeze(Object.create(null) as Record<string, unknown>);
const NO_AMR: readonly string[] = Object.freeze([]);
// Compared against when the id is unknown, so that branch does the same hashing and comparison work.
const DUMMY_HASH = Buffer.alloc(32);

/**
 * API key verification: the key's id selects the stored record, the SHA-256 of its secret is compared in
 * constant time with the stored hash (see api-key.ts for why a fast hash is right here). An unknown id and
 * a wrong secret answer the same 401. A lookup that throws, or returns something that is not a valid
 * record, denies: the store's failure must never open the route.
 */
export function createApiKeyVerifier(options: ResolvedApiKeyOptions, failures: AuthFailures): ApiKeyVerifier {
  return async (presented: string): Promise<Principal> => {
    const parsed = parseApiKey(presented);
    if (parsed === undefined) throw failures.token('api_key_malformed', 'apiKey');
    let stored: unknown;
    try {
      stored = await options.lookup(parsed.id);
    } catch {
      throw failures.token('api_key_lookup_failed', 'apiKey');
    }
    const digest = createHash('sha256').update(parsed.secret, 'utf8').digest();
    if (stored === undefined || stored === null) {
      timingSafeEqual(digest, DUMMY_HASH);
      throw failures.token('api_key_unknown', 'apiKey');
    }
    if (!isStoredApiKey(stored)) throw failures.token('api_key_lookup_failed', 'apiKey');
    if (!timingSafeEqual(digest, Buffer.from(stored.hash, 'hex'))) throw failures.token('api_key_mismatch', 'apiKey');
    return principalOf(parsed.id, stored);
  };
}

/**
 * One frozen principal per stored record, reused while the record says the same thing: the lookup and
 * the hash comparison still run on every request (a revoked or changed key is seen at once), but a store
 * that hands back the same record object does not cost a new principal, and the guard's per-principal
 * caches (client key, granted scopes) keep working. A record whose fields changed in place gets a new one.
 */
const principals = new WeakMap<StoredApiKey, { readonly id: string; readonly scopes: readonly string[] | undefined; readonly snapshot: readonly string[]; readonly principal: Principal }>();

function principalOf(id: string, stored: StoredApiKey): Principal {
  const kind = stored.kind ?? 'service';
  const known = principals.get(stored);
  if (known !== undefined && known.id === id && known.principal.subject === stored.subject && known.principal.kind === kind && sameScopes(known.scopes, known.snapshot, stored.scopes)) {
    return known.principal;
  }
  const principal: Principal = Object.freeze({
    subject: stored.subject,
    kind,
    scopes: validScopes(stored.scopes),
    claims: NO_CLAIMS,
    authTime: undefined,
    amr: NO_AMR,
    credential: 'apiKey',
    tokenId: id,
  });
  principals.set(stored, { id, scopes: stored.scopes, snapshot: stored.scopes === undefined ? [] : [...stored.scopes], principal });
  return principal;
}

/** The same array, holding the same values as when the principal was built (an in-place edit shows). */
function sameScopes(was: readonly string[] | undefined, snapshot: readonly string[], now: readonly string[] | undefined): boolean {
  if (was !== now) return false;
  if (now === undefined) return true;
  if (now.length !== snapshot.length) return false;
  for (let i = 0; i < now.length; i++) if (now[i] !== snapshot[i]) return false;
  return true;
}

function isStoredApiKey(value: unknown): value is StoredApiKey {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.hash === 'string' &&
    HASH.test(v.hash) &&
    typeof v.subject === 'string' &&
    v.subject !== '' &&
    (v.scopes === undefined || Array.isArray(v.scopes)) &&
    (v.kind === undefined || v.kind === 'user' || v.kind === 'service')
  );
}
