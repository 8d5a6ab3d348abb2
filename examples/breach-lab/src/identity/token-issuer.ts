import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { LAB_KEYS } from '../lab-tokens';
import { LAB_ALGORITHM, LAB_AUDIENCE, LAB_ISSUER, SCOPES } from './lab-identity';
import type { LabKeys } from './lab-keys';

const ACCESS_TOKEN_TTL_S = 15 * 60;

/** The lab's login issues what the identity provider would: a short-lived RS256 customer token. */
@Injectable()
export class TokenIssuer {
  constructor(@Inject(LAB_KEYS) private readonly keys: LabKeys) {}

  customerAccessToken(customerId: number): string {
    const now = Math.floor(Date.now() / 1000);
    return jwt.sign({ scope: SCOPES.customerRead, auth_time: now, amr: ['pwd'] }, this.keys.signingKey, {
      algorithm: LAB_ALGORITHM,
      keyid: this.keys.kid,
      issuer: LAB_ISSUER,
      audience: LAB_AUDIENCE,
      subject: String(customerId),
      expiresIn: ACCESS_TOKEN_TTL_S,
      jwtid: randomUUID(),
    });
  }
}
