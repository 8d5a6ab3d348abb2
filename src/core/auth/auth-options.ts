import type { Principal } from './principal';
import { assertKnownKeys, assertObject, optionError, optionalFunction, optionalObject, optionalString, stringArray } from '../options/validate';
import { resolveJwtOptions, type JwtOptions, type ResolvedJwtOptions } from './jwt-options';
import { resolveApiKeyOptions, type ApiKeyOptions, type ResolvedApiKeyOptions } from './api-key-options';

/** Step-up (RFC 9470) settings shared by `RequireAuth({ mfa })` and privileged scopes. */
export interface StepUpOptions {
  /**
   * `amr` values (RFC 8176) that count as a second factor.
   * @default ['mfa','otp','hwk','sms','tel','fpt','face','iris','retina','vbm','sc','swk','pop']
   */
  readonly secondFactors?: readonly string[];
}

/** RequireAuth: how credentials are verified. At least one of `jwt` and `apiKeys` is required. */
export interface AuthOptions {
  /**
   * The `realm` of the `WWW-Authenticate` challenge (RFC 6750 §3).
   * @default 'api'
   */
  readonly realm?: string;
  /** Bearer JWTs. @default undefined (not accepted) */
  readonly jwt?: JwtOptions;
  /** API keys. @default undefined (not accepted) */
  readonly apiKeys?: ApiKeyOptions;
  /**
   * Called for every authenticated principal; `true` denies. Keyed on `principal.tokenId` (`jti` or API
   * key id) or `principal.subject`, never on the raw token string. Throwing or returning a non-boolean
   * denies. @default undefined (no revocation check)
   */
  readonly isRevoked?: (principal: Principal) => boolean | Promise<boolean>;
  /** Step-up settings. @default { secondFactors: DEFAULT_SECOND_FACTORS } */
  readonly stepUp?: StepUpOptions;
}

export interface ResolvedAuthOptions {
  readonly realm: string;
  readonly jwt: ResolvedJwtOptions | undefined;
  readonly apiKeys: ResolvedApiKeyOptions | undefined;
  readonly isRevoked: AuthOptions['isRevoked'];
  readonly secondFactors: ReadonlySet<string>;
}

/**
 * RFC 8176 `amr` values that prove a factor beyond a password: one-time codes (`otp`, `sms`, `tel`),
 * hardware/software keys (`hwk`, `swk`, `sc`, `pop`), biometrics (`fpt`, `face`, `iris`, `retina`, `vbm`)
 * and the issuer's own `mfa` verdict. `pwd`, `pin`, `kba`, `user`, `wia`, `geo` are not second factors.
 */
export const DEFAULT_SECOND_FACTORS: readonly string[] = Object.freeze(['mfa', 'otp', 'hwk', 'sms', 'tel', 'fpt', 'face', 'iris', 'retina', 'vbm', 'sc', 'swk', 'pop']);

const AUTH_KEYS = ['realm', 'jwt', 'apiKeys', 'isRevoked', 'stepUp'] as const;
const STEP_UP_KEYS = ['secondFactors'] as const;
// The realm is echoed inside a quoted-string of a response header: no quotes, backslashes or controls.
const REALM = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

export function resolveAuthOptions(value: unknown, path: string): ResolvedAuthOptions {
  const o = assertObject(value, path);
  assertKnownKeys(o, AUTH_KEYS, path);
  const realm = optionalString(o.realm, `${path}.realm`) ?? 'api';
  if (!REALM.test(realm)) throw optionError(`${path}.realm`, 'must be 1 to 64 printable ASCII characters without quotes or backslashes');
  if (o.jwt === undefined && o.apiKeys === undefined) {
    throw optionError(path, 'needs at least one of jwt and apiKeys: deny by default needs a way to authenticate');
  }
  const stepUp = optionalObject(o.stepUp, `${path}.stepUp`) ?? {};
  assertKnownKeys(stepUp, STEP_UP_KEYS, `${path}.stepUp`);
  const secondFactors = stepUp.secondFactors === undefined ? DEFAULT_SECOND_FACTORS : stringArray(stepUp.secondFactors, `${path}.stepUp.secondFactors`, { nonEmpty: true });
  return {
    realm,
    jwt: o.jwt === undefined ? undefined : resolveJwtOptions(o.jwt, `${path}.jwt`),
    apiKeys: o.apiKeys === undefined ? undefined : resolveApiKeyOptions(o.apiKeys, `${path}.apiKeys`),
    isRevoked: optionalFunction<NonNullable<AuthOptions['isRevoked']>>(o.isRevoked, `${path}.isRevoked`),
    secondFactors: new Set(secondFactors),
  };
}
