import type { InventoryRoute } from './inventory-route';

/** The start-up summary: `info` lines for the log, and one `warnings` line per route that needs a look. */
export interface InventorySummary {
  readonly info: readonly string[];
  readonly warnings: readonly string[];
}

function protectionsText(route: InventoryRoute): string {
  const p = route.protections;
  const parts: string[] = [];
  if (p.public !== undefined) parts.push(`public (${p.public.reason})`);
  if (p.scopes !== undefined) {
    const any = p.scopes.anyOf.map((group) => `any of ${group.join('|')}`);
    parts.push(`scopes ${[...p.scopes.allOf, ...any].join(' + ')}`);
  }
  if (p.anyAuthenticated !== undefined) parts.push(`any authenticated (${p.anyAuthenticated.reason})`);
  if (p.stepUp !== undefined) parts.push(`step-up${p.stepUp.mfa ? ' mfa' : ''}${p.stepUp.maxAuthAgeMs === undefined ? '' : ` max ${p.stepUp.maxAuthAgeMs}ms`}`);
  if (p.ownership !== undefined) parts.push(`ownership ${p.ownership.map((o) => o.policy).join(', ')}`);
  if (p.exposure !== undefined) parts.push('exposure');
  if (p.antiEnumeration !== undefined) parts.push('anti-enumeration');
  if (p.uniformLookupResponse !== undefined) parts.push('uniform response');
  if (parts.length === 0) parts.push(route.access);
  return parts.join('; ');
}

function routeName(route: InventoryRoute): string {
  return `${route.method} ${route.path} (${route.handler})`;
}

/**
 * Summarises the inventory for the start-up log. Every undeclared route is a warning by name (threat model
 * §6: the forgotten `/v1` route must be visible at every start), and so is a declared route that still
 * refuses everyone, or an ownership declaration without a policy.
 */
export function summarizeInventory(routes: readonly InventoryRoute[]): InventorySummary {
  const undeclared = routes.filter((route) => !route.declared);
  const info = [
    `apiward inventory: ${routes.length} route(s), ${routes.length - undeclared.length} declared, ${undeclared.length} undeclared`,
    ...routes.map((route) => `  ${route.method.padEnd(7)}${route.path}  ${route.declared ? protectionsText(route) : 'UNDECLARED'}`),
  ];
  const warnings: string[] = [];
  for (const route of routes) {
    if (!route.declared) {
      warnings.push(`apiward: undeclared route ${routeName(route)}: no apiward declaration; deny-by-default keeps it closed to every caller`);
    } else if (route.access === 'denied-by-default') {
      warnings.push(`apiward: route ${routeName(route)} declares no LeastPrivilege, Public or AnyAuthenticated; strict authorization refuses it to every caller`);
    }
    if (route.protections.ownership?.some((o) => o.policy === '(missing)') === true) {
      warnings.push(`apiward: route ${routeName(route)} declares ownership without a policy; every request is denied`);
    }
  }
  return { info, warnings };
}
