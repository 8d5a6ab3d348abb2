import { generateKeyPairSync, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** Key material shared by the harness (mints the tokens) and the variant apps (verify them), via env. */
export interface BenchSecrets {
  /** 48 random bytes, base64url: above apiward's 32-byte HMAC minimum. */
  readonly hsSecret: string;
  readonly rsaPublicPem: string;
  readonly rsaPrivatePem: string;
}

export const BENCH_ISSUER = 'https://issuer.bench.apiward.test';
export const BENCH_AUDIENCE = 'apiward-bench';
export const BENCH_SUBJECT = 'bench-user-1';
/** The scope the protected route requires (LeastPrivilege) and every credential carries. */
export const BENCH_SCOPE = 'items:read';
export const SECRETS_ENV = 'APIWARD_BENCH_SECRETS';

export function createBenchSecrets(): BenchSecrets {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    hsSecret: randomBytes(48).toString('base64url'),
    rsaPublicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    rsaPrivatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export function readBenchSecrets(env: NodeJS.ProcessEnv = process.env): BenchSecrets {
  const raw = env[SECRETS_ENV];
  if (raw === undefined) throw new Error(`${SECRETS_ENV} is not set (variant apps are started by bench/run.ts)`);
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${SECRETS_ENV} is not an object`);
  const o = parsed as Record<string, unknown>;
  const str = (k: string): string => {
    const v = o[k];
    if (typeof v !== 'string') throw new Error(`${SECRETS_ENV}.${k} is not a string`);
    return v;
  };
  return { hsSecret: str('hsSecret'), rsaPublicPem: str('rsaPublicPem'), rsaPrivatePem: str('rsaPrivatePem') };
}

/** A long-lived token minted once per run: the bench measures verification, never minting. */
export function mintBenchToken(secrets: BenchSecrets, alg: 'HS256' | 'RS256'): string {
  const key = alg === 'HS256' ? secrets.hsSecret : secrets.rsaPrivatePem;
  return jwt.sign({ scope: BENCH_SCOPE }, key, {
    algorithm: alg,
    issuer: BENCH_ISSUER,
    audience: BENCH_AUDIENCE,
    subject: BENCH_SUBJECT,
    expiresIn: '1d',
    jwtid: 'bench-token-1',
  });
}
