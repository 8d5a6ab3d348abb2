/**
 * Fastify's own proxy setting, for AntiEnumeration's start-up check on Nest's Fastify platform.
 *
 * Fastify 5 leaves `trustProxy` out of the public `initialConfig` (it may be a function), so the start-up
 * comparison reads it from the options Fastify keeps under its `fastify.options` symbol. That symbol is
 * internal: when a Fastify version no longer has it, `watchFastifyProxy` compares the address Fastify
 * resolved (`request.ip`) with the TCP peer on the first request that carries `X-Forwarded-For`; if they
 * differ, Fastify trusts the proxy header while apiward keys budgets on the peer.
 */

/** What this file reads of a Fastify instance (structural: `fastify` is not imported). */
export interface FastifyProxyView {
  readonly initialConfig?: unknown;
  addHook(name: 'onRequest', hook: (request: FastifyRequestView) => Promise<unknown>): unknown;
}

export interface FastifyRequestView {
  readonly ip?: unknown;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly raw?: { readonly socket?: { readonly remoteAddress?: string } | null };
}

const OPTIONS_SYMBOL = 'fastify.options';

/**
 * `{ value }` with Fastify's `trustProxy` (`false` when the option was not given, Fastify's default), or
 * undefined when this Fastify does not let it be read.
 */
export function fastifyTrustProxy(instance: object): { readonly value: unknown } | undefined {
  const initial = (instance as FastifyProxyView).initialConfig;
  if (typeof initial === 'object' && initial !== null && 'trustProxy' in initial) return { value: (initial as { trustProxy?: unknown }).trustProxy ?? false };
  const symbol = Object.getOwnPropertySymbols(instance).find((s) => s.description === OPTIONS_SYMBOL);
  const options: unknown = symbol === undefined ? undefined : (instance as Record<symbol, unknown>)[symbol];
  if (typeof options !== 'object' || options === null) return undefined;
  return { value: (options as { trustProxy?: unknown }).trustProxy ?? false };
}

/**
 * The fallback when the setting cannot be read: an `onRequest` hook that, while apiward trusts no proxy,
 * looks at requests until the first one with `X-Forwarded-For` and calls `warn` once if Fastify named a
 * client other than the TCP peer. Afterwards the hook only tests a flag.
 */
export function watchFastifyProxy(instance: FastifyProxyView, warn: () => void): void {
  let done = false;
  instance.addHook('onRequest', (request) => {
    if (done || request.headers?.['x-forwarded-for'] === undefined) return Promise.resolve(undefined);
    done = true;
    const peer = request.raw?.socket?.remoteAddress;
    if (typeof request.ip === 'string' && peer !== undefined && request.ip !== peer) warn();
    return Promise.resolve(undefined);
  });
}
