import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import jwt, { type JwtHeader } from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { LAB_KEYS } from '../lab-tokens';
import { LAB_ALGORITHM, LAB_AUDIENCE, LAB_ISSUER } from './lab-identity';
import type { LabKeys } from './lab-keys';

/**
 * The unprotected build's own authentication, as the admin tool in Twitter 2020 had it: any valid
 * token from the company's issuer gets in. No scope, no second factor, no freshness, no event.
 */
@Injectable()
export class AnyValidTokenGuard implements CanActivate {
  private readonly jwks: JwksClient | undefined;

  constructor(@Inject(LAB_KEYS) private readonly keys: LabKeys) {
    this.jwks = keys.jwksUri === undefined ? undefined : new JwksClient({ jwksUri: keys.jwksUri, cache: true, rateLimit: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
    if (match === null) throw new UnauthorizedException();
    try {
      await this.verify(match[1] ?? '');
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }

  private verify(token: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      jwt.verify(
        token,
        (header: JwtHeader, callback: (err: Error | null, key?: string) => void) => {
          this.publicKey(header).then((key) => callback(null, key), (err: unknown) => callback(err instanceof Error ? err : new Error('no key')));
        },
        { algorithms: [LAB_ALGORITHM], issuer: LAB_ISSUER, audience: LAB_AUDIENCE },
        (err, payload) => (err ? reject(err) : resolve(payload)),
      );
    });
  }

  private async publicKey(header: JwtHeader): Promise<string> {
    if (this.keys.publicKeyPem !== undefined) return this.keys.publicKeyPem;
    if (this.jwks === undefined) throw new Error('no key source');
    return (await this.jwks.getSigningKey(header.kid)).getPublicKey();
  }
}
