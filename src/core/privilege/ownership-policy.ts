import type { Principal } from '../auth/principal';
import { assertKnownKeys, isPlainObject, optionError } from '../options/validate';
import type { RequestLike } from '../request-like';
import { resolveIdParams, type CanonicalIds, type IdParam, type IdParamSpec } from './id-params';
import { resolveNotFoundAnswer, type NotFoundAnswer, type ResolvedNotFoundAnswer } from './not-found-answer';

/** What an ownership policy decides on. Everything except `principal` and `ids` is hostile input. */
export interface OwnershipContext {
  readonly principal: Principal;
  readonly params: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  readonly req: RequestLike;
  /** The declared identifier parameters, already checked and in canonical form (numbers for numeric ids). */
  readonly ids: CanonicalIds;
}

/** "May this principal touch this object?" Only `true` allows; anything else (or a throw) denies. */
export type OwnershipPolicyFn = (ctx: OwnershipContext) => boolean | Promise<boolean>;

/** The class form (Nest: an injectable provider, so it can use repositories to look up a tenant). */
export interface OwnershipPolicy {
  check(ctx: OwnershipContext): boolean | Promise<boolean>;
}

/** A policy class: Nest resolves it from the module as a provider; elsewhere it is constructed once with `new`. */
export type OwnershipPolicyClass = abstract new (...args: never[]) => OwnershipPolicy;

/** What a route may declare as its policy. */
export type OwnershipPolicySource = OwnershipPolicyFn | OwnershipPolicy | OwnershipPolicyClass;

export type OwnershipDenialAnswer = 'not-found' | 'forbidden';

/** Per-route ownership options (`Owns(policy, options)` / `owns(policy, options)`). */
export interface OwnershipOptions {
  /**
   * Identifier parameters the policy decides on, checked before it runs: one that arrives as an array or
   * object, or not in canonical form, is refused with 400. Required and non-empty: a policy reading an id
   * nobody listed would compare `?id=1&id=2` or `010002` as given (issue 3's rule, made explicit).
   */
  readonly ids: readonly IdParamSpec[];
  /** How a denial answers. @default the module's `leastPrivilege.onDenied` ('not-found') */
  readonly onDenied?: OwnershipDenialAnswer;
  /** This route's not-found answer, when it differs from the module's. @default the module's `leastPrivilege.notFound` */
  readonly notFound?: NotFoundAnswer;
}

/**
 * The declaration stored on the route. `policy` is what the adapter resolves at request time; it may be
 * `undefined` (an import cycle evaluated it too early, a provider Nest could not resolve): the route then
 * denies every request and the inventory shows the policy as missing, instead of failing open.
 */
export interface OwnershipDeclaration {
  readonly policy: OwnershipPolicySource | undefined;
  /** Name shown in events and the inventory (function or class name). */
  readonly policyName: string;
  readonly ids: readonly IdParam[];
  readonly onDenied: OwnershipDenialAnswer | undefined;
  readonly notFound: ResolvedNotFoundAnswer | undefined;
}

export function isOwnershipPolicy(value: unknown): value is OwnershipPolicy {
  return value !== null && typeof value === 'object' && typeof (value as { check?: unknown }).check === 'function';
}

/** A class whose instances have `check`: told apart from a policy function by its prototype. */
export function isOwnershipPolicyClass(value: unknown): value is OwnershipPolicyClass {
  if (typeof value !== 'function') return false;
  const proto: unknown = (value as { prototype?: unknown }).prototype;
  return proto !== null && typeof proto === 'object' && typeof (proto as { check?: unknown }).check === 'function';
}

const IDS_REQUIRED = "is required: a non-empty list of the identifier parameters the policy decides on (e.g. ['id']), refused with 400 when polluted or not canonical before the policy runs";

/** Validates an ownership declaration. `policy` is kept as given; `undefined` is recorded as missing (denies). */
export function toOwnershipDeclaration(policy: unknown, options: unknown, path = 'Owns'): OwnershipDeclaration {
  if (policy !== undefined && typeof policy !== 'function' && !isOwnershipPolicy(policy)) {
    throw optionError(`${path}.policy`, 'must be a function (ctx) => boolean, an object with check(ctx), or a policy class');
  }
  if (options === undefined) throw optionError(`${path}.ids`, IDS_REQUIRED);
  if (!isPlainObject(options)) throw optionError(`${path}.options`, 'must be a plain object with ids');
  const o = options;
  assertKnownKeys(o, ['ids', 'onDenied', 'notFound'], `${path}.options`);
  if (!Array.isArray(o.ids) || o.ids.length === 0) throw optionError(`${path}.ids`, IDS_REQUIRED);
  if (o.onDenied !== undefined && o.onDenied !== 'not-found' && o.onDenied !== 'forbidden') {
    throw optionError(`${path}.options.onDenied`, "must be 'not-found' or 'forbidden'");
  }
  return Object.freeze({
    policy: policy as OwnershipPolicySource | undefined,
    policyName: policyName(policy),
    ids: resolveIdParams(o.ids, `${path}.ids`),
    onDenied: o.onDenied as OwnershipDenialAnswer | undefined,
    notFound: o.notFound === undefined ? undefined : resolveNotFoundAnswer(o.notFound, `${path}.options.notFound`),
  });
}

function policyName(policy: unknown): string {
  if (policy === undefined) return '(missing)';
  if (typeof policy === 'function') return policy.name === '' ? '(anonymous)' : policy.name;
  const ctor: unknown = Object.getPrototypeOf(policy)?.constructor;
  return typeof ctor === 'function' && ctor.name !== '' && ctor !== Object ? ctor.name : '(policy object)';
}
