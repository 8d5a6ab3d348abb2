import { randomBytes } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import type { ApiwardOptions } from 'apiward';
import identity from './identity.json';

/*
 * The example's identity provider settings. In a real app the secret comes from your secret store; here
 * EXAMPLE_JWT_SECRET (at least 32 bytes: apiward refuses shorter HMAC secrets at start-up) or, when unset,
 * a random one made at start-up, so no secret ever sits in the repository.
 */
const configuredSecret = process.env.EXAMPLE_JWT_SECRET;
const secret = configuredSecret ?? randomBytes(32).toString('base64url');

export const secretWasGenerated = configuredSecret === undefined;

export const apiwardOptions: ApiwardOptions = {
  auth: {
    jwt: {
      algorithms: ['HS256'],
      secret,
      issuer: identity.issuer,
      audience: identity.audience,
    },
  },
};

/** A short-lived token for trying the example with curl; only ever printed for a generated secret. */
export function mintDevToken(subject = 'user-42'): string {
  return sign({ sub: subject, scope: 'profile:read' }, secret, {
    algorithm: 'HS256',
    issuer: identity.issuer,
    audience: identity.audience,
    expiresIn: '15m',
  });
}
