import type { DiscoveredRoute } from './nest-route-discovery';

/*
 * Nest's own metadata keys (see nest-route-discovery.ts for why they are not imported): the handler's
 * parameter decorators, keyed `<paramtype>:<index>`, and `@Res({ passthrough: true })`'s flag.
 */
const ROUTE_ARGS_METADATA = '__routeArguments__';
const RESPONSE_PASSTHROUGH_METADATA = '__responsePassthrough__';
/** `RouteParamtypes.RESPONSE` (1, `@Res()`) and `RouteParamtypes.NEXT` (2, `@Next()`). */
const WRITES_ITSELF = /^[12]:\d+$/;

type AnyClass = abstract new (...args: never[]) => unknown;

/**
 * True when the handler answers through the platform response itself (`@Res()` or `@Next()` without
 * `passthrough`), as Nest decides it: Nest then ignores what the handler returns, and so can no
 * interceptor. Such a handler's answer is beyond apiward's response declarations.
 */
export function handlerWritesResponse(controller: AnyClass, methodName: string): boolean {
  const args: unknown = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName);
  const params = typeof args === 'object' && args !== null ? Object.keys(args) : [];
  if (!params.some((key) => WRITES_ITSELF.test(key))) return false;
  return Reflect.getMetadata(RESPONSE_PASSTHROUGH_METADATA, controller, methodName) !== true;
}

/**
 * `@ExposeFields` filters, and `@UniformLookupResponse` replaces, the value a handler returns. On a handler
 * that writes the response itself both would be silently off: every field sent, or an answer that tells an
 * existing account from a missing one (the oracle the declaration was written to close). Such a route
 * stops the app at start-up, naming itself; `@Res({ passthrough: true })` keeps both working.
 */
export function assertResponseDeclarationsApply(routes: readonly DiscoveredRoute[]): void {
  const offenders: string[] = [];
  for (const { entry, declaration, writesResponse } of routes) {
    if (!writesResponse) continue;
    const declared: string[] = [];
    if (declaration.exposure !== undefined) declared.push('@ExposeFields');
    if (declaration.uniformLookupResponse !== undefined) declared.push('@UniformLookupResponse');
    if (declared.length > 0) offenders.push(`${entry.method} ${entry.path} (${entry.handler}): ${declared.join(', ')}`);
  }
  if (offenders.length === 0) return;
  throw new TypeError(
    `apiward: these handlers write the response themselves (@Res() or @Next() without passthrough), so their response declarations cannot apply: ${offenders.join('; ')}. ` +
      'Return the value instead, or use @Res({ passthrough: true }).',
  );
}
