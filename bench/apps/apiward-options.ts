import { createApiKey } from '../../src/core/auth/api-key';
import type { ApiwardOptions } from '../../src/core/apiward';
import type { AntiEnumerationRoute } from '../../src/core/enumeration/anti-enumeration-route';
import { benchRedisPrefix, benchRedisUrl } from './bench-redis';
import { BENCH_AUDIENCE, BENCH_ISSUER, BENCH_SCOPE, BENCH_SUBJECT, type BenchSecrets } from '../lib/bench-secrets';

/** Which credential an apiward variant verifies, and where its AntiEnumeration budgets are counted. */
export interface ApiwardVariantConfig {
  readonly credential: 'hs256' | 'rs256' | 'apikey';
  readonly store: 'memory' | 'redis';
}

/**
 * The route's AntiEnumeration declaration: a numeric id with the library's default distinct, miss and walk
 * budgets, and a request budget no bench can spend (the store packs a window's count into 16 bits, so the
 * highest limit is 65,534 per second; the bench client sends fewer): every request is still counted.
 */
export const BENCH_ANTI_ENUMERATION: AntiEnumerationRoute = { identifier: 'param:id', kind: 'numeric-id', requests: [{ limit: 65_534, windowMs: 1_000 }] };

export interface ApiwardVariantSetup {
  readonly options: ApiwardOptions;
  /** Headers for the load generator when the app made the credential itself (API key). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Module / createApiward options as a user would write them, one credential kind per variant. */
export function apiwardOptions(secrets: BenchSecrets, config: ApiwardVariantConfig): ApiwardVariantSetup {
  let auth: ApiwardOptions['auth'];
  let headers: Record<string, string> | undefined;
  if (config.credential === 'apikey') {
    const created = createApiKey({ prefix: 'bench' });
    const stored = new Map([[created.id, { hash: created.hash, subject: BENCH_SUBJECT, scopes: [BENCH_SCOPE] }]]);
    auth = { apiKeys: { lookup: (id: string) => stored.get(id) } };
    headers = { 'x-api-key': created.key };
  } else {
    const jwt =
      config.credential === 'hs256'
        ? { algorithms: ['HS256'] as const, secret: secrets.hsSecret }
        : { algorithms: ['RS256'] as const, publicKey: secrets.rsaPublicPem };
    auth = { jwt: { ...jwt, algorithms: [...jwt.algorithms], issuer: BENCH_ISSUER, audience: BENCH_AUDIENCE } };
  }
  // The memory store is the default: only the Redis variant has a module-level AntiEnumeration section.
  const options: ApiwardOptions =
    config.store === 'redis'
      ? {
          auth,
          antiEnumeration: {
            store: { type: 'redis', url: benchRedisUrl(), keyPrefix: `${benchRedisPrefix()}ae` },
            // A shared store needs one identifier-hash key for every instance.
            hashKey: secrets.hsSecret,
          },
        }
      : { auth };
  return headers === undefined ? { options } : { options, headers };
}
