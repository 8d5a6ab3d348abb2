import { canonicalizeEmail, resolveEmailOptions, type EmailOptions, type ResolvedEmailRules } from './email';
import { parseCanonicalNumericId } from './numeric-id';
import { canonicalizeOpaque } from './opaque';
import { canonicalizePhone, resolvePhoneOptions, type PhoneOptions, type ResolvedPhoneRules } from './phone';
import { canonicalizeUsername, resolveUsernameOptions, type ResolvedUsernameRules, type UsernameOptions } from './username';
import { assertKnownKeys, assertObject } from '../options/validate';

export type IdentifierKind = 'numeric-id' | 'email' | 'phone' | 'username' | 'opaque';

export const IDENTIFIER_KINDS: readonly IdentifierKind[] = Object.freeze(['numeric-id', 'email', 'phone', 'username', 'opaque']);

/** How identifiers are canonicalised, per kind (module level: one app, one notion of "the same address"). */
export interface IdentifierRulesOptions {
  readonly email?: EmailOptions;
  readonly phone?: PhoneOptions;
  readonly username?: UsernameOptions;
}

export interface ResolvedIdentifierRules {
  readonly email: ResolvedEmailRules;
  readonly phone: ResolvedPhoneRules;
  readonly username: ResolvedUsernameRules;
}

export function resolveIdentifierRules(value: unknown, path: string): ResolvedIdentifierRules {
  const o = value === undefined ? {} : assertObject(value, path);
  assertKnownKeys(o, ['email', 'phone', 'username'], path);
  return Object.freeze({
    email: resolveEmailOptions(o.email, `${path}.email`),
    phone: resolvePhoneOptions(o.phone, `${path}.phone`),
    username: resolveUsernameOptions(o.username, `${path}.username`),
  });
}

/**
 * The one canonical spelling of an identifier of `kind`, or `undefined` when the value is not a single,
 * well-formed identifier (answered 400, never parsed leniently). A numeric id may also arrive as a JSON
 * number in a body; it is canonical when it is a non-negative safe integer.
 */
export function canonicalizeIdentifier(kind: IdentifierKind, value: unknown, rules: ResolvedIdentifierRules): string | undefined {
  switch (kind) {
    case 'numeric-id': {
      if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
      return parseCanonicalNumericId(value) === undefined ? undefined : (value as string);
    }
    case 'email':
      return canonicalizeEmail(value, rules.email);
    case 'phone':
      return canonicalizePhone(value, rules.phone);
    case 'username':
      return canonicalizeUsername(value, rules.username);
    case 'opaque':
      return canonicalizeOpaque(value);
  }
}
