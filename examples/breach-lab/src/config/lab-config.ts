import { resolveLabSettings, type LabSettings } from './lab-settings';

export type LabMode = 'protected' | 'unprotected';

/** Where the lab's identity keys come from (see lab-keys.ts for the fallback to the dev pair). */
export interface LabIdentityConfig {
  /** `LAB_JWT_PUBLIC_KEY_FILE`: PEM public key the API verifies access tokens with. */
  readonly publicKeyFile: string | undefined;
  /** `LAB_JWKS_URI`: the issuer's JWKS endpoint, used when no public key file is given. */
  readonly jwksUri: string | undefined;
  /** `LAB_JWT_PRIVATE_KEY_FILE`: PEM private key `/api/login` signs with. */
  readonly privateKeyFile: string | undefined;
}

export interface LabConfig {
  readonly mode: LabMode;
  /** 0 picks a free port (the listening line names the real one). */
  readonly port: number;
  /** `LAB_STORE`: where AntiEnumeration keeps its budgets. */
  readonly store: 'memory' | 'redis';
  /** `LAB_REDIS_URL` (default `redis://127.0.0.1:6379`). */
  readonly redisUrl: string;
  /** `LAB_ANTI_ENUM`: off lets a timing measurement send many requests. */
  readonly antiEnumeration: boolean;
  /**
   * `LAB_TRUST_PROXY`: which proxy hops may name the client in `X-Forwarded-For`. `off` (default): none,
   * the TCP peer is the client; `on`: a proxy on the loopback network; a number: that many hops; or a
   * comma-separated list of addresses / CIDRs.
   */
  readonly trustProxy: false | number | readonly string[];
  /** `LAB_REDIS_PREFIX`: prefix of the budget keys in Redis (several labs sharing one prefix share budgets). */
  readonly redisPrefix: string;
  /** `LAB_ENUM_HASH_KEY`: key of the identifier hash; every lab sharing a Redis store needs the same one. */
  readonly enumerationHashKey: string;
  readonly identity: LabIdentityConfig;
  readonly settings: LabSettings;
}

export const LAB_HOST = '127.0.0.1';
/** Development hash key, the same in every lab process (a demo value: set LAB_ENUM_HASH_KEY for anything real). */
const DEV_ENUM_HASH_KEY = 'breach-lab-development-identifier-hash-key';
export const DEFAULT_LAB_PORT = 4100;

/** Builds the configuration from command-line flags (`--mode`, `--port`) over the environment. */
export function resolveLabConfig(argv: readonly string[], env: NodeJS.ProcessEnv): LabConfig {
  const flags = parseFlags(argv);
  return {
    mode: parseMode(flags.get('mode') ?? env.LAB_MODE ?? 'protected'),
    port: parsePort(flags.get('port') ?? env.PORT ?? String(DEFAULT_LAB_PORT)),
    store: parseChoice('LAB_STORE', env.LAB_STORE ?? 'memory', ['memory', 'redis'] as const),
    redisUrl: env.LAB_REDIS_URL ?? 'redis://127.0.0.1:6379',
    antiEnumeration: parseChoice('LAB_ANTI_ENUM', env.LAB_ANTI_ENUM ?? 'on', ['on', 'off'] as const) === 'on',
    trustProxy: parseTrustProxy(env.LAB_TRUST_PROXY ?? 'off'),
    redisPrefix: env.LAB_REDIS_PREFIX || 'breach-lab',
    enumerationHashKey: parseHashKey(env.LAB_ENUM_HASH_KEY || DEV_ENUM_HASH_KEY),
    identity: {
      publicKeyFile: nonEmpty(env.LAB_JWT_PUBLIC_KEY_FILE),
      jwksUri: nonEmpty(env.LAB_JWKS_URI),
      privateKeyFile: nonEmpty(env.LAB_JWT_PRIVATE_KEY_FILE),
    },
    settings: resolveLabSettings(env),
  };
}

function parseFlags(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const match = /^--(mode|port)(?:=(.*))?$/.exec(arg);
    if (match === null) continue;
    const value = match[2] ?? argv[i + 1];
    if (value === undefined) throw new TypeError(`--${match[1]} needs a value`);
    if (match[2] === undefined) i += 1;
    flags.set(match[1] ?? '', value);
  }
  return flags;
}

function parseMode(value: string): LabMode {
  return parseChoice('--mode / LAB_MODE', value, ['protected', 'unprotected'] as const);
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^[0-9]{1,5}$/.test(value) || port > 65_535) throw new TypeError(`--port / PORT must be 0-65535, got ${JSON.stringify(value)}`);
  return port;
}

function parseChoice<T extends string>(name: string, value: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === value);
  if (found === undefined) throw new TypeError(`${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  return found;
}

function parseTrustProxy(value: string): false | number | readonly string[] {
  if (['off', 'false', '0', ''].includes(value)) return false;
  if (['on', 'true', 'loopback'].includes(value)) return ['loopback'];
  if (/^[1-9][0-9]?$/.test(value)) return Number(value);
  const list = value.split(',').map((entry) => entry.trim());
  if (list.some((entry) => !/^[0-9a-fA-F.:/]+$|^(loopback|linklocal|uniquelocal)$/.test(entry))) {
    throw new TypeError(`LAB_TRUST_PROXY must be off, on, a number of hops or a list of addresses/CIDRs, got ${JSON.stringify(value)}`);
  }
  return list;
}

function parseHashKey(value: string): string {
  if (Buffer.byteLength(value) < 32) throw new TypeError('LAB_ENUM_HASH_KEY must be at least 32 bytes');
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
