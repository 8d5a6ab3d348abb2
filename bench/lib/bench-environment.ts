import { REDIS_PREFIX_ENV } from '../apps/bench-redis';
import { createBenchSecrets, mintBenchToken, SECRETS_ENV } from './bench-secrets';
import type { VariantSpec } from './variants';

export interface BenchEnvironment {
  /** The variant processes' environment: production mode, the run's secrets, its own Redis key prefix. */
  readonly env: NodeJS.ProcessEnv;
  /** Authorization headers per credential kind the harness mints (API keys come from the app). */
  readonly headersFor: (spec: VariantSpec) => Readonly<Record<string, string>>;
}

/** Fresh secrets and tokens for one run of `npm run bench` or `npm run bench:alloc`. */
export function benchEnvironment(): BenchEnvironment {
  const secrets = createBenchSecrets();
  const hs = { authorization: `Bearer ${mintBenchToken(secrets, 'HS256')}` };
  const rs = { authorization: `Bearer ${mintBenchToken(secrets, 'RS256')}` };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    [SECRETS_ENV]: JSON.stringify(secrets),
    [REDIS_PREFIX_ENV]: `apiward-bench:${process.pid}:${Date.now()}:`,
  };
  return { env, headersFor: (spec) => (spec.credential === 'rs256' ? rs : hs) };
}
