import { assertKnownKeys, assertObject, optionalBoolean, optionalInteger } from '../options/validate';

/**
 * Username canonicalisation: compatibility forms (full-width letters, ligatures) and letter case must
 * not turn one account name into many budget entries.
 */
export interface UsernameOptions {
  /** Compare names case-insensitively (most apps do). Turn off only if the app's names are case-sensitive. @default true */
  readonly caseFold?: boolean;
  /** Longest accepted name, in UTF-16 code units after normalisation. @default 256 */
  readonly maxLength?: number;
}

export interface ResolvedUsernameRules {
  readonly caseFold: boolean;
  readonly maxLength: number;
}

// Controls and invisible format characters (zero-width joiners make look-alike names), and line breaks.
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/u;

export const DEFAULT_USERNAME_RULES: ResolvedUsernameRules = resolveUsernameOptions(undefined, 'username');

export function resolveUsernameOptions(value: unknown, path: string): ResolvedUsernameRules {
  const o = value === undefined ? {} : assertObject(value, path);
  assertKnownKeys(o, ['caseFold', 'maxLength'], path);
  return Object.freeze({
    caseFold: optionalBoolean(o.caseFold, `${path}.caseFold`, true),
    maxLength: optionalInteger(o.maxLength, `${path}.maxLength`, 256, 1, 4_096),
  });
}

/** NFKC, trim, case-fold (then NFKC again: lower-casing can leave decomposed sequences); `undefined` when refused. */
export function canonicalizeUsername(value: unknown, rules: ResolvedUsernameRules = DEFAULT_USERNAME_RULES): string | undefined {
  if (typeof value !== 'string' || value.length > rules.maxLength * 4) return undefined;
  let name = value.normalize('NFKC').trim();
  if (rules.caseFold) name = name.toLowerCase().normalize('NFKC');
  if (name === '' || name.length > rules.maxLength || FORBIDDEN.test(name)) return undefined;
  return name;
}
