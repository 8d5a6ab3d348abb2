import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { LabConfig } from '../config/lab-config';
import { LAB_CONFIG } from '../lab-tokens';

const PURPOSE = 'password-reset';

interface ResetGrant {
  readonly customerId: number;
  readonly purpose: typeof PURPOSE;
  readonly expiresAt: number;
}

/**
 * Password-reset proofs (Honda): 256 random bits, mailed to the account's address, stored only as a
 * hash, bound to one purpose and one account, short-lived, and deleted on first use. An access token,
 * an account identifier or a used token proves nothing here.
 */
@Injectable()
export class ResetTokens {
  private readonly grants = new Map<string, ResetGrant>();
  private readonly ttlMs: number;

  constructor(@Inject(LAB_CONFIG) config: LabConfig) {
    this.ttlMs = config.settings.resetTokenTtlMs;
  }

  issue(customerId: number, now: number = Date.now()): string {
    this.sweep(now);
    const token = randomBytes(32).toString('base64url');
    this.grants.set(digest(token), { customerId, purpose: PURPOSE, expiresAt: now + this.ttlMs });
    return token;
  }

  /** The account the token was issued for, once; undefined for anything else. */
  consume(token: string, now: number = Date.now()): number | undefined {
    const key = digest(token);
    const grant = this.grants.get(key);
    if (grant === undefined) return undefined;
    this.grants.delete(key);
    return grant.purpose === PURPOSE && grant.expiresAt > now ? grant.customerId : undefined;
  }

  private sweep(now: number): void {
    for (const [key, grant] of this.grants) {
      if (grant.expiresAt <= now) this.grants.delete(key);
    }
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
