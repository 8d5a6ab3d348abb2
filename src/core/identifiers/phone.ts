import { assertKnownKeys, assertObject, optionError } from '../options/validate';

/**
 * Phone canonicalisation to E.164 (`+15551234567`). The Twitter 2021 scrape fed the same numbers in
 * every spelling a form accepts; a budget must see `+1 (555) 123-4567`, `0015551234567` and the same
 * digits typed full-width as one identifier.
 */
export interface PhoneOptions {
  /**
   * Country calling code (digits, e.g. `'44'`) for numbers written without one (`020 7946 0018`).
   * Unset, such national numbers are refused (400): guessing a country would merge or split identifiers.
   * @default undefined
   */
  readonly defaultCallingCode?: string;
  /** Trunk prefix dropped from a national number before the calling code is added (`'0'` in most countries, `''` for none). @default '0' */
  readonly trunkPrefix?: string;
}

export interface ResolvedPhoneRules {
  readonly defaultCallingCode: string | undefined;
  readonly trunkPrefix: string;
}

const CALLING_CODE = /^[1-9][0-9]{0,2}$/;
const TRUNK = /^[0-9]{0,2}$/;
// Visual separators people type: spaces, hyphens and dashes, dots, slashes and parentheses.
const SEPARATORS = /[\s\-.()/\u2010-\u2015\u2212]/gu;
const E164_DIGITS = /^[1-9][0-9]{6,14}$/;
const MAX_RAW_LENGTH = 64;

export const DEFAULT_PHONE_RULES: ResolvedPhoneRules = resolvePhoneOptions(undefined, 'phone');

export function resolvePhoneOptions(value: unknown, path: string): ResolvedPhoneRules {
  const o = value === undefined ? {} : assertObject(value, path);
  assertKnownKeys(o, ['defaultCallingCode', 'trunkPrefix'], path);
  const { defaultCallingCode, trunkPrefix = '0' } = o;
  if (defaultCallingCode !== undefined && (typeof defaultCallingCode !== 'string' || !CALLING_CODE.test(defaultCallingCode))) {
    throw optionError(`${path}.defaultCallingCode`, 'must be a country calling code of 1 to 3 digits, without "+"');
  }
  if (typeof trunkPrefix !== 'string' || !TRUNK.test(trunkPrefix)) throw optionError(`${path}.trunkPrefix`, 'must be a string of 0 to 2 digits');
  return Object.freeze({ defaultCallingCode: defaultCallingCode as string | undefined, trunkPrefix });
}

/**
 * `+<digits>` (7 to 15 digits, E.164), or `undefined` when the value is not one phone number. Accepts
 * `+` or a leading `00` for the international prefix; any decimal digit script (full-width, Arabic-Indic);
 * the usual separators. Refuses letters, extensions (`x12`, `;ext=`), `*` and `#`.
 */
export function canonicalizePhone(value: unknown, rules: ResolvedPhoneRules = DEFAULT_PHONE_RULES): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_RAW_LENGTH) return undefined;
  const compact = asciiDigits(value.normalize('NFKC').trim()).replace(SEPARATORS, '');
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else if (rules.defaultCallingCode !== undefined) {
    const national = rules.trunkPrefix !== '' && compact.startsWith(rules.trunkPrefix) ? compact.slice(rules.trunkPrefix.length) : compact;
    digits = rules.defaultCallingCode + national;
  } else return undefined;
  return E164_DIGITS.test(digits) ? `+${digits}` : undefined;
}

/**
 * Maps every Unicode decimal digit (`\p{Nd}`) to ASCII. NFKC already folds full-width digits; scripts
 * such as Arabic-Indic keep their own code points, laid out in runs of ten from zero, so a digit's value
 * is its distance from the start of its run.
 */
function asciiDigits(s: string): string {
  return s.replace(/\p{Nd}/gu, (ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) return ch;
    let run = 0;
    while (run < 100 && /\p{Nd}/u.test(String.fromCodePoint(cp - run - 1))) run++;
    return String(run % 10);
  });
}
