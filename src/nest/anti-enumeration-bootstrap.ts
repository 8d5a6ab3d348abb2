import { Inject, Injectable, Logger, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Apiward } from '../core/apiward';
import { isApiwardError, type ApiwardError } from '../core/errors/apiward-error';
import { fastifyTrustProxy, watchFastifyProxy, type FastifyProxyView } from './anti-enumeration-fastify-proxy';
import { APIWARD } from './apiward-token';
import { toRequestLike } from './nest-request';

interface NodeResponseView {
  readonly headersSent: boolean;
}

/** The two methods of Nest's HTTP adapter the refusal is sent with. */
interface NestReplyAdapter {
  setHeader(response: unknown, name: string, value: string): unknown;
  reply(response: unknown, body: unknown, statusCode?: number): unknown;
}

interface FastifyView {
  addHook(name: 'onRequest', hook: (request: { readonly is404?: boolean }, reply: FastifyReplyView) => Promise<unknown>): unknown;
}

interface FastifyReplyView {
  code(status: number): FastifyReplyView;
  headers(values: Record<string, string>): FastifyReplyView;
  send(body: unknown): FastifyReplyView;
}

interface ExpressView {
  get(setting: string): unknown;
}

/**
 * AntiEnumeration's part of the Nest app's lifecycle:
 * - at start-up, compares `antiEnumeration.trustProxy` with the platform's own proxy setting and logs a
 *   warning when they disagree (budgets keyed on the wrong address fail silently); on Fastify, where the
 *   setting may be unreadable, the first forwarded request settles it;
 * - with `antiEnumeration.unknownRoutes` on, counts requests no route matched before Nest answers 404:
 *   on Express a middleware added after every route and before Nest's not-found handler (this hook runs
 *   between the two), on Fastify an `onRequest` hook that acts only on requests routed to 404;
 * - on shutdown, closes what the engine opened (a Redis connection made from a URL).
 */
@Injectable()
export class AntiEnumerationBootstrap implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Apiward');

  constructor(
    @Inject(APIWARD) private readonly ward: Apiward,
    @Optional() @Inject(HttpAdapterHost) private readonly host?: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const adapter = this.host?.httpAdapter;
    if (adapter === undefined || adapter === null) return;
    const type = adapter.getType();
    const instance: unknown = adapter.getInstance();
    this.checkProxySetting(type, instance);
    if (this.ward.options.antiEnumeration.unknownRoutes === undefined) return;
    if (type === 'fastify') {
      (instance as FastifyView).addHook('onRequest', async (request, reply) => {
        if (request.is404 !== true) return undefined;
        const refusal = await this.probe(request);
        return refusal === undefined ? undefined : reply.code(refusal.status).headers({ ...refusal.headers, 'content-type': 'application/json; charset=utf-8' }).send(JSON.stringify(refusal.body));
      });
    } else {
      adapter.use((request: unknown, response: NodeResponseView, next: () => void) => {
        void this.probe(request)
          .then((refusal) => (refusal === undefined ? next() : sendRefusal(adapter, response, refusal)))
          // `probe` never rejects; this only keeps a throw from the response write from going unhandled.
          .catch(() => undefined);
      });
    }
  }

  /**
   * Express: `app.get('trust proxy')`. Fastify: its `trustProxy` option where it can be read, else the
   * first request with `X-Forwarded-For` shows whether Fastify trusts it (see anti-enumeration-fastify-proxy.ts).
   */
  private checkProxySetting(type: string, instance: unknown): void {
    const fastify = type === 'fastify' && typeof instance === 'object' && instance !== null ? instance : undefined;
    const setting = fastify === undefined ? { value: (instance as ExpressView).get('trust proxy') } : fastifyTrustProxy(fastify);
    const warning = this.ward.enumeration.setupWarning(setting === undefined ? {} : { frameworkTrustProxy: setting.value });
    if (warning !== undefined) this.logger.warn(warning);
    if (fastify === undefined || setting !== undefined || this.ward.options.antiEnumeration.trustProxy.kind !== 'none') return;
    watchFastifyProxy(fastify as FastifyProxyView, () => {
      const mismatch = this.ward.enumeration.setupWarning({ frameworkTrustProxy: true });
      if (mismatch !== undefined) this.logger.warn(mismatch);
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.ward.close();
  }

  /** The 429 (or fail-closed 503) to send instead of Nest's 404, or undefined to let the 404 through. */
  private async probe(request: unknown): Promise<ApiwardError | undefined> {
    try {
      await this.ward.probeUnknownRoute(toRequestLike(request).req);
      return undefined;
    } catch (err: unknown) {
      // Anything else still ends in Nest's own 404: nothing is open on a path without a route.
      return isApiwardError(err) ? err : undefined;
    }
  }
}

/**
 * Through Nest's own adapter, exactly as its exception filter answers the guard's 429 on a real route
 * (Express adds an ETag there): a blocked prober must not tell unmatched paths from real ones by a header.
 */
function sendRefusal(adapter: NestReplyAdapter, response: NodeResponseView, error: ApiwardError): void {
  if (response.headersSent) return;
  for (const [name, value] of Object.entries(error.headers)) adapter.setHeader(response, name, value);
  adapter.reply(response, error.body, error.status);
}
