import { assertKnownKeys, isPlainObject, optionError, optionalInteger } from '../options/validate';
import { isValidScope } from '../auth/scopes';
import type { StepUpRequirement } from '../auth/step-up';

/**
 * The object form of a `LeastPrivilege(...)` argument. `mfa` / `maxAuthAgeMs` demand step-up for the
 * privileged scopes (RFC 9470), checked exactly as `RequireAuth({ mfa, maxAuthAgeMs })` checks them.
 */
export interface LeastPrivilegeObject {
  /** Require a second factor in `amr`. @default false */
  readonly mfa?: boolean;
  /** The authentication (`auth_time`, then required) must be at most this old. @default undefined (any age) */
  readonly maxAuthAgeMs?: number;
  /** Every one of these scopes is required (same as passing them as strings). @default [] */
  readonly allOf?: readonly string[];
  /** At least one of these scopes is required. @default undefined */
  readonly anyOf?: readonly string[];
}

/** `LeastPrivilege('a', 'b')`, `LeastPrivilege('a', { mfa: true })`, `LeastPrivilege({ anyOf: ['a', 'b'] })`. */
export type LeastPrivilegeArg = string | LeastPrivilegeObject;

/** The normalised requirement stored on a route: all of `allOf`, and one scope of each `anyOf` group. */
export interface ScopeRequirement {
  readonly allOf: readonly string[];
  readonly anyOf: readonly (readonly string[])[];
  readonly stepUp: StepUpRequirement | undefined;
}

const OBJECT_KEYS = ['allOf', 'anyOf', 'mfa', 'maxAuthAgeMs'] as const;

function scopeList(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) throw optionError(path, 'must be an array of scopes');
  return value.map((scope: unknown, i) => declaredScope(scope, `${path}[${i}]`));
}

function declaredScope(value: unknown, path: string): string {
  if (!isValidScope(value)) {
    throw optionError(path, 'must be a scope-token (RFC 6749 §3.3: printable ASCII, no space, quote, backslash or comma)');
  }
  return value;
}

function resolveStepUp(o: Record<string, unknown>, path: string): StepUpRequirement | undefined {
  if (o.mfa !== undefined && typeof o.mfa !== 'boolean') throw optionError(`${path}.mfa`, 'must be a boolean');
  const maxAuthAgeMs = o.maxAuthAgeMs === undefined ? undefined : optionalInteger(o.maxAuthAgeMs, `${path}.maxAuthAgeMs`, 0, 1_000);
  return stepUpOf(o.mfa === true, maxAuthAgeMs);
}

function stepUpOf(mfa: boolean, maxAuthAgeMs: number | undefined): StepUpRequirement | undefined {
  if (!mfa && maxAuthAgeMs === undefined) return undefined;
  return Object.freeze({ ...(mfa ? { mfa } : {}), ...(maxAuthAgeMs === undefined ? {} : { maxAuthAgeMs }) });
}

/**
 * Validates the arguments of `LeastPrivilege(...)` / `leastPrivilege(...)`: scope strings, optionally
 * followed by one options object. A declaration that requires no scope at all is a programmer error: a
 * route meant for any valid principal says so with `AnyAuthenticated({ reason })`.
 */
export function toScopeRequirement(args: readonly unknown[], path = 'LeastPrivilege'): ScopeRequirement {
  const allOf: string[] = [];
  const anyOf: string[][] = [];
  let stepUp: StepUpRequirement | undefined;
  args.forEach((arg, i) => {
    const where = `${path}[${i}]`;
    if (typeof arg === 'string') {
      allOf.push(declaredScope(arg, where));
      return;
    }
    if (!isPlainObject(arg)) throw optionError(where, 'must be a scope string or an options object');
    if (i !== args.length - 1) throw optionError(where, 'the options object must be the last argument');
    assertKnownKeys(arg, OBJECT_KEYS, where);
    if (arg.allOf !== undefined) allOf.push(...scopeList(arg.allOf, `${where}.allOf`));
    if (arg.anyOf !== undefined) {
      const group = scopeList(arg.anyOf, `${where}.anyOf`);
      if (group.length === 0) throw optionError(`${where}.anyOf`, 'must not be empty (an empty anyOf can never be met)');
      anyOf.push(group);
    }
    stepUp = resolveStepUp(arg, where);
  });
  if (allOf.length === 0 && anyOf.length === 0) {
    throw optionError(path, 'must name at least one scope (for any valid principal, declare AnyAuthenticated({ reason }))');
  }
  return freeze({ allOf: unique(allOf), anyOf, stepUp });
}

/**
 * Controller and handler requirements both hold (the handler only tightens): the union of `allOf`, every
 * `anyOf` group, a second factor if either asks, the shorter authentication age.
 */
export function mergeScopeRequirements(outer: ScopeRequirement | undefined, inner: ScopeRequirement | undefined): ScopeRequirement | undefined {
  if (outer === undefined) return inner;
  if (inner === undefined) return outer;
  return freeze({
    allOf: unique([...outer.allOf, ...inner.allOf]),
    anyOf: [...outer.anyOf, ...inner.anyOf],
    stepUp: mergeStepUp(outer.stepUp, inner.stepUp),
  });
}

function mergeStepUp(a: StepUpRequirement | undefined, b: StepUpRequirement | undefined): StepUpRequirement | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const ages = [a.maxAuthAgeMs, b.maxAuthAgeMs].filter((ms): ms is number => ms !== undefined);
  return stepUpOf(a.mfa === true || b.mfa === true, ages.length === 0 ? undefined : Math.min(...ages));
}

/** Every scope the requirement names, for the `scope="…"` challenge parameter and the inventory. */
export function requiredScopes(requirement: ScopeRequirement): readonly string[] {
  return unique([...requirement.allOf, ...requirement.anyOf.flat()]);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function freeze(requirement: ScopeRequirement): ScopeRequirement {
  return Object.freeze({
    allOf: Object.freeze([...requirement.allOf]),
    anyOf: Object.freeze(requirement.anyOf.map((group) => Object.freeze([...group]))),
    stepUp: requirement.stepUp,
  });
}
