import { createHash, type KeyObject } from 'node:crypto';
import { join } from 'node:path';

/** The lab's identity provider, as every token names it. */
export const LAB_ISSUER = 'https://id.breach-lab.test';
export const LAB_AUDIENCE = 'breach-lab-api';
export const LAB_ALGORITHM = 'RS256';

/** Development key pair committed with the lab (demo keys: never use them for anything real). */
export const DEV_KEYS_DIR = join(__dirname, '..', '..', 'keys');
export const DEV_PRIVATE_KEY_FILE = join(DEV_KEYS_DIR, 'dev-private.pem');
export const DEV_PUBLIC_KEY_FILE = join(DEV_KEYS_DIR, 'dev-public.pem');

/** Scopes the lab's tokens carry. */
export const SCOPES = {
  customerRead: 'customers:read',
  customerPii: 'customers:pii',
  supportReadAny: 'customers:read:any',
  adminAccounts: 'admin:accounts',
} as const;

/** RFC 7638 thumbprint of an RSA key: the `kid` the lab's tokens carry and a JWKS would list. */
export function rsaThumbprint(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  const canonical = JSON.stringify({ e: jwk.e, kty: 'RSA', n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}
