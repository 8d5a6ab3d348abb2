import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LabIdentityConfig } from '../config/lab-config';
import { DEV_PRIVATE_KEY_FILE, DEV_PUBLIC_KEY_FILE, rsaThumbprint } from './lab-identity';

/** How the API verifies tokens (exactly one of the two) and how `/api/login` signs them. */
export interface LabKeys {
  readonly publicKeyPem: string | undefined;
  readonly jwksUri: string | undefined;
  readonly signingKey: KeyObject;
  readonly kid: string;
}

/**
 * `LAB_JWT_PUBLIC_KEY_FILE`, else `LAB_JWKS_URI`, else the committed development public key; login
 * signs with `LAB_JWT_PRIVATE_KEY_FILE`, else the development private key.
 */
export function loadLabKeys(identity: LabIdentityConfig): LabKeys {
  const signingKey = createPrivateKey(readFileSync(identity.privateKeyFile ?? DEV_PRIVATE_KEY_FILE, 'utf8'));
  const kid = rsaThumbprint(createPublicKey(signingKey));
  if (identity.publicKeyFile !== undefined) {
    return { publicKeyPem: readPem(identity.publicKeyFile), jwksUri: undefined, signingKey, kid };
  }
  if (identity.jwksUri !== undefined) {
    return { publicKeyPem: undefined, jwksUri: identity.jwksUri, signingKey, kid };
  }
  return { publicKeyPem: readPem(DEV_PUBLIC_KEY_FILE), jwksUri: undefined, signingKey, kid };
}

function readPem(file: string): string {
  const pem = readFileSync(file, 'utf8');
  createPublicKey(pem); // refuse to start with a file that is not a public key
  return pem;
}
