import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { DEV_PRIVATE_KEY_FILE, LAB_ALGORITHM, LAB_AUDIENCE, LAB_ISSUER, SCOPES, rsaThumbprint } from '../../src/identity/lab-identity';

/**
 * Tokens the replay presents, signed with the lab's signing key (`LAB_JWT_PRIVATE_KEY_FILE`, else the
 * committed dev key): the attackers in these incidents held *valid* credentials, a customer's own login
 * or a support agent's, or needed none at all.
 */
export class AttackTokens {
  private readonly key: KeyObject;
  private readonly kid: string;

  constructor(privateKeyFile: string = process.env.LAB_JWT_PRIVATE_KEY_FILE || DEV_PRIVATE_KEY_FILE) {
    this.key = createPrivateKey(readFileSync(privateKeyFile, 'utf8'));
    this.kid = rsaThumbprint(createPublicKey(this.key));
  }

  /** A customer's own token: `customers:read`, plus `customers:pii` when allowed identity documents. */
  customer(id: number, pii = false): string {
    return this.sign(String(id), { scope: pii ? `${SCOPES.customerRead} ${SCOPES.customerPii}` : SCOPES.customerRead, amr: ['pwd'] });
  }

  /** A support agent: may read any customer. */
  support(subject = 'support-7'): string {
    return this.sign(subject, { scope: SCOPES.supportReadAny, amr: ['pwd'] });
  }

  /** An admin (`admin-1`); `mfa` adds a second factor to `amr`, `authAgeMs` backdates `auth_time`. */
  admin(options: { mfa: boolean; authAgeMs: number }): string {
    return this.sign('admin-1', { scope: SCOPES.adminAccounts, amr: options.mfa ? ['pwd', 'otp'] : ['pwd'] }, options.authAgeMs);
  }

  private sign(subject: string, claims: Record<string, unknown>, authAgeMs = 0): string {
    const now = Math.floor(Date.now() / 1000);
    return jwt.sign({ ...claims, auth_time: now - Math.round(authAgeMs / 1000) }, this.key, {
      algorithm: LAB_ALGORITHM,
      keyid: this.kid,
      issuer: LAB_ISSUER,
      audience: LAB_AUDIENCE,
      subject,
      expiresIn: 3_600,
      jwtid: randomUUID(),
    });
  }
}
