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
    return {
      subject: stored.subject,
      kind: stored.kind ?? 'service',
      scopes: validScopes(stored.scopes),
      claims: NO_CLAIMS,
      authTime: undefined,
      amr: NO_AMR,
      credential: 'apiKey',
      tokenId: parsed.id,
    };
  };
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
