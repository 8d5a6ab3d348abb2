import type { CredentialKind } from '../auth/principal';
import type { IdKind, IdSource } from '../privilege/id-params';
import type { OwnershipDenialAnswer } from '../privilege/ownership-policy';
import { isDeclared, type RouteDeclaration } from '../route-declaration';
import { describeProtections } from './describe-protections';
import type { JsonValue } from './json-summary';

/**
 * One route of the application as apiward sees it at start-up (threat model §6: shadow APIs are the routes
 * nobody knows are exposed). Every field is JSON-safe: the inventory is logged, served and diffed.
 */
export interface InventoryRoute {
  /** Upper-case HTTP method (`ALL` for a route that matches every method). */
  readonly method: string;
  /** Route template as declared, with global prefix and version: `/api/v1/customers/:id`. */
  readonly path: string;
  /** `Controller.method` in Nest, the handler function's name in Express. */
  readonly handler: string;
  /** The API version the route belongs to, when versioning is used. */
  readonly version?: string;
  /** False when the route carries no apiward declaration at all (deny-by-default keeps it closed). */
  readonly declared: boolean;
  /** Who can reach the route, given the declarations and the strict setting. */
  readonly access: RouteAccess;
  readonly protections: InventoryProtections;
}

/**
 * - `public`: open on purpose (`Public({ reason })`).
 * - `scoped`: `LeastPrivilege(...)` scopes are required.
 * - `any-authenticated`: any valid principal, on purpose.
 * - `authenticated`: any valid principal because strict authorization is off.
 * - `denied-by-default`: authenticated, but no authorization declared under strict mode: refused to all.
 */
export type RouteAccess = 'public' | 'scoped' | 'any-authenticated' | 'authenticated' | 'denied-by-default';

export interface InventoryProtections {
  readonly public?: { readonly reason: string };
  /** Authentication is required (every non-public route under deny-by-default). */
  readonly auth?: { readonly accept?: readonly CredentialKind[] };
  /** The strictest step-up asked by `RequireAuth` or `LeastPrivilege` on this route. */
  readonly stepUp?: { readonly mfa: boolean; readonly maxAuthAgeMs?: number };
  readonly scopes?: { readonly allOf: readonly string[]; readonly anyOf: readonly (readonly string[])[] };
  readonly anyAuthenticated?: { readonly reason: string };
  readonly ownership?: readonly InventoryOwnership[];
  readonly exposure?: {
    readonly base: readonly string[];
    readonly byScope: Readonly<Record<string, readonly string[]>>;
    readonly within?: string;
    readonly envelope?: readonly string[];
  };
  readonly antiEnumeration?: JsonValue;
  readonly uniformLookupResponse?: JsonValue;
}

export interface InventoryOwnership {
  /** The policy's function or class name; `(missing)` when declared without one (the route denies). */
  readonly policy: string;
  readonly ids: readonly { readonly param: string; readonly in: IdSource | 'any'; readonly kind: IdKind }[];
  readonly onDenied: OwnershipDenialAnswer;
}

/** What an adapter knows about a route besides its declaration. */
export interface RouteEntry {
  readonly method: string;
  readonly path: string;
  readonly handler: string;
  readonly version?: string;
}

export interface InventoryOptions {
  /** `leastPrivilege.strict` of the app. @default true */
  readonly strict?: boolean;
  /** `leastPrivilege.onDenied` of the app, shown for policies that do not set their own. @default 'not-found' */
  readonly onDenied?: OwnershipDenialAnswer;
}

function accessOf(declaration: RouteDeclaration, strict: boolean): RouteAccess {
  if (declaration.public !== undefined) return 'public';
  if (declaration.leastPrivilege !== undefined) return 'scoped';
  if (declaration.anyAuthenticated !== undefined) return 'any-authenticated';
  return strict ? 'denied-by-default' : 'authenticated';
}

export function buildInventoryRoute(entry: RouteEntry, declaration: RouteDeclaration, options: InventoryOptions = {}): InventoryRoute {
  return Object.freeze({
    method: entry.method.toUpperCase(),
    path: entry.path,
    handler: entry.handler,
    ...(entry.version === undefined ? {} : { version: entry.version }),
    declared: isDeclared(declaration),
    access: accessOf(declaration, options.strict ?? true),
    protections: describeProtections(declaration, options.onDenied ?? 'not-found'),
  });
}

/** The whole inventory, sorted by path then method so it reads (and diffs) the same on every platform. */
export function buildInventory(routes: readonly { readonly entry: RouteEntry; readonly declaration: RouteDeclaration }[], options: InventoryOptions = {}): readonly InventoryRoute[] {
  const built = routes.map(({ entry, declaration }) => buildInventoryRoute(entry, declaration, options));
  built.sort((a, b) => (a.path === b.path ? compare(a.method, b.method) : compare(a.path, b.path)));
  return Object.freeze(built);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
