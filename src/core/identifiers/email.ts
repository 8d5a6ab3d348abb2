import { domainToASCII } from 'node:url';
import { assertKnownKeys, assertObject, optionalBoolean, optionError } from '../options/validate';

/**
 * Email canonicalisation. An enumeration budget that counts `Victim@Example.com`, ` victim@example.com`,
 * `victim＠example.com` (full-width at sign) and `v.i.c.t.i.m+x@gmail.com` as four identifiers lets one
 * probe cost a quarter of what it should (threat model §1). The canonical form is also what the handler
 * receives, so an app that stores addresses through the same function looks up the same row.
 */

/** How one mail provider treats the local part. */
export interface EmailProviderRule {
  /** Dots in the local part are ignored by the provider (`j.doe` and `jdoe` are one mailbox). @default false */
  readonly ignoreDots?: boolean;
  /** A `+tag` suffix of the local part reaches the same mailbox and is removed. @default false */
  readonly stripPlusTag?: boolean;
  /** The domain is an alias of this one (`googlemail.com` → `gmail.com`). @default undefined */
  readonly aliasOf?: string;
}

export interface EmailOptions {
  /**
   * Rules per (lower-case, ASCII) domain. Given, it replaces the default list.
   * @default { 'gmail.com': { ignoreDots: true, stripPlusTag: true },
   *   'googlemail.com': { ignoreDots: true, stripPlusTag: true, aliasOf: 'gmail.com' } }
   */
  readonly providers?: Readonly<Record<string, EmailProviderRule>>;
  /**
   * Remove a `+tag` for every domain, not only the listed providers. Most providers deliver tags to one
   * mailbox, but some treat `+` as an ordinary character: only turn this on if the app does the same.
   * @default false
   */
  readonly stripPlusTagEverywhere?: boolean;
}

export interface ResolvedEmailProviderRule {
  readonly ignoreDots: boolean;
  readonly stripPlusTag: boolean;
  readonly aliasOf: string | undefined;
}

export interface ResolvedEmailRules {
  readonly providers: ReadonlyMap<string, ResolvedEmailProviderRule>;
  readonly stripPlusTagEverywhere: boolean;
}

const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const NUMERIC_LABEL = /\.[0-9]+$/;
// Whitespace, controls, invisible format characters (zero-width space and joiners make look-alike variants),
// and RFC 5322 specials that are only legal inside a quoted local part, which we do not accept.
const FORBIDDEN_LOCAL = /[\s\p{Cc}\p{Cf}\p{Co}\p{Cn}"(),:;<>[\\\]@]/u;
const MAX_RAW_LENGTH = 1_024;

export const DEFAULT_EMAIL_RULES: ResolvedEmailRules = resolveEmailOptions(undefined, 'email');

export function resolveEmailOptions(value: unknown, path: string): ResolvedEmailRules {
  const o = value === undefined ? {} : assertObject(value, path);
  assertKnownKeys(o, ['providers', 'stripPlusTagEverywhere'], path);
  const rawProviders =
    o.providers === undefined
      ? { 'gmail.com': { ignoreDots: true, stripPlusTag: true }, 'googlemail.com': { ignoreDots: true, stripPlusTag: true, aliasOf: 'gmail.com' } }
      : assertObject(o.providers, `${path}.providers`);
  const providers = new Map<string, ResolvedEmailProviderRule>();
  for (const [domain, rule] of Object.entries(rawProviders)) {
    const where = `${path}.providers.${domain}`;
    if (!DOMAIN.test(domain)) throw optionError(where, 'must be keyed by a lower-case ASCII domain name');
    const r = assertObject(rule, where);
    assertKnownKeys(r, ['ignoreDots', 'stripPlusTag', 'aliasOf'], where);
    const aliasOf = r.aliasOf;
    if (aliasOf !== undefined && (typeof aliasOf !== 'string' || !DOMAIN.test(aliasOf))) {
      throw optionError(`${where}.aliasOf`, 'must be a lower-case ASCII domain name');
    }
    providers.set(
      domain,
      Object.freeze({
        ignoreDots: optionalBoolean(r.ignoreDots, `${where}.ignoreDots`, false),
        stripPlusTag: optionalBoolean(r.stripPlusTag, `${where}.stripPlusTag`, false),
        aliasOf,
      }),
    );
  }
  return Object.freeze({ providers, stripPlusTagEverywhere: optionalBoolean(o.stripPlusTagEverywhere, `${path}.stripPlusTagEverywhere`, false) });
}

/**
 * The canonical address, or `undefined` when the value is not one address (the caller answers 400).
 * Steps: NFKC (full-width and compatibility forms), trim, lower-case, NFKC again; one `@`; the domain
 * through IDNA to its ASCII form without a trailing dot; provider rules for dots and `+tags`.
 */
export function canonicalizeEmail(value: unknown, rules: ResolvedEmailRules = DEFAULT_EMAIL_RULES): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_RAW_LENGTH) return undefined;
  const folded = value.normalize('NFKC').trim().toLowerCase().normalize('NFKC');
  const at = folded.indexOf('@');
  if (at <= 0 || at !== folded.lastIndexOf('@')) return undefined;
  let local = folded.slice(0, at);
  const domain = canonicalDomain(folded.slice(at + 1));
  if (domain === undefined || !validLocalPart(local)) return undefined;
  const rule = rules.providers.get(domain);
  if (rule?.stripPlusTag === true || rules.stripPlusTagEverywhere) local = local.split('+', 1)[0] ?? '';
  if (rule?.ignoreDots === true) local = local.replace(/\./g, '');
  if (local === '') return undefined;
  const address = `${local}@${rule?.aliasOf ?? domain}`;
  return address.length <= 254 ? address : undefined;
}

function validLocalPart(local: string): boolean {
  return local.length <= 64 && !FORBIDDEN_LOCAL.test(local) && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

function canonicalDomain(raw: string): string | undefined {
  const withoutRootDot = raw.endsWith('.') ? raw.slice(0, -1) : raw;
  if (withoutRootDot === '' || withoutRootDot.length > 253 || /[\s\p{Cc}\p{Cf}]/u.test(withoutRootDot)) return undefined;
  const ascii = domainToASCII(withoutRootDot);
  // An all-numeric last label is an IPv4 literal in disguise (`1.2.3.4`, `0x7f.1`): not a mail domain.
  if (ascii === '' || !DOMAIN.test(ascii) || NUMERIC_LABEL.test(ascii)) return undefined;
  return ascii;
}
