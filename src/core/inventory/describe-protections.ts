import type { OwnershipDenialAnswer } from '../privilege/ownership-policy';
import type { RouteDeclaration } from '../route-declaration';
import type { InventoryOwnership, InventoryProtections } from './inventory-route';
import { jsonSummary } from './json-summary';

/** The step-up a route asks for, the stricter of `RequireAuth` and `LeastPrivilege`. */
function stepUpOf(declaration: RouteDeclaration): InventoryProtections['stepUp'] {
  const asks = [declaration.requireAuth, declaration.leastPrivilege?.stepUp].filter((s) => s !== undefined);
  const mfa = asks.some((s) => s.mfa === true);
  const ages = asks.map((s) => s.maxAuthAgeMs).filter((ms): ms is number => ms !== undefined);
  if (!mfa && ages.length === 0) return undefined;
  return { mfa, ...(ages.length === 0 ? {} : { maxAuthAgeMs: Math.min(...ages) }) };
}

function ownershipOf(declaration: RouteDeclaration, onDenied: OwnershipDenialAnswer): readonly InventoryOwnership[] | undefined {
  if (declaration.ownership === undefined || declaration.ownership.length === 0) return undefined;
  return declaration.ownership.map((o) => ({
    policy: o.policyName,
    ids: o.ids.map((id) => ({ param: id.param, in: id.in, kind: id.kind })),
    onDenied: o.onDenied ?? onDenied,
  }));
}

/**
 * The protections declared on a route, as JSON-safe data. AntiEnumeration and UniformLookupResponse are
 * summarised generically (their declarations are read by name), so the inventory lists them as soon as
 * a route declares them.
 */
export function describeProtections(declaration: RouteDeclaration, onDenied: OwnershipDenialAnswer): InventoryProtections {
  const loose = declaration as Readonly<Record<string, unknown>>;
  const stepUp = stepUpOf(declaration);
  const ownership = ownershipOf(declaration, onDenied);
  const { exposure, leastPrivilege } = declaration;
  return {
    ...(declaration.public === undefined ? {} : { public: { reason: declaration.public.reason } }),
    ...(declaration.public !== undefined ? {} : { auth: declaration.requireAuth?.accept === undefined ? {} : { accept: [...declaration.requireAuth.accept] } }),
    ...(stepUp === undefined ? {} : { stepUp }),
    ...(leastPrivilege === undefined ? {} : { scopes: { allOf: [...leastPrivilege.allOf], anyOf: leastPrivilege.anyOf.map((g) => [...g]) } }),
    ...(declaration.anyAuthenticated === undefined ? {} : { anyAuthenticated: { reason: declaration.anyAuthenticated.reason } }),
    ...(ownership === undefined ? {} : { ownership }),
    ...(exposure === undefined
      ? {}
      : {
          exposure: {
            base: [...exposure.base],
            byScope: Object.fromEntries(Object.entries(exposure.byScope).map(([scope, fields]) => [scope, [...fields]])),
            ...(exposure.within === undefined ? {} : { within: exposure.within }),
            ...(exposure.envelope.length === 0 ? {} : { envelope: [...exposure.envelope] }),
          },
        }),
    ...(loose.antiEnumeration === undefined ? {} : { antiEnumeration: jsonSummary(loose.antiEnumeration) }),
    ...(loose.uniformLookupResponse === undefined ? {} : { uniformLookupResponse: jsonSummary(loose.uniformLookupResponse) }),
  };
}
