import type { RequestRewrite } from '../core/apiward';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Writes the core's canonical values back into the framework request (Express 4/5, Fastify), so the
 * handler looks up exactly the identifier that was counted. Shared by both adapters; it reads the
 * request structurally and imports no framework.
 *
 * Express 5's `req.query` is a getter that parses the URL again on every read, so a write into the object
 * it returns is lost: the canonical copy is defined as an own property that shadows the getter.
 */
export function applyRequestRewrites(request: unknown, rewrites: readonly RequestRewrite[] | undefined): void {
  if (rewrites === undefined || rewrites.length === 0 || !isObject(request)) return;
  for (const { source, name, value } of rewrites) {
    const current = request[source];
    if (source === 'query') {
      const copy: Record<string, unknown> = { ...(isObject(current) ? current : {}), [name]: value };
      Object.defineProperty(request, 'query', { value: copy, writable: true, configurable: true, enumerable: true });
    } else if (isObject(current)) {
      current[name] = value;
    }
  }
}
