import { Inject, Injectable, Logger, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Apiward } from '../core/apiward';
import { isApiwardError, type ApiwardError } from '../core/errors/apiward-error';
import { APIWARD } from './apiward-token';
import { toRequestLike } from './nest-request';

interface NodeResponseView {
  statusCode: number;
  headersSent: boolean;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

interface FastifyView {
  readonly initialConfig?: { readonly trustProxy?: unknown };
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
 *   warning when they disagree (budgets keyed on the wrong address fail silently);
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
    const frameworkTrustProxy = type === 'fastify' ? (instance as FastifyView).initialConfig?.trustProxy : (instance as ExpressView).get('trust proxy');
    const warning = this.ward.enumeration.setupWarning({ frameworkTrustProxy });
    if (warning !== undefined) this.logger.warn(warning);
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
          .then((refusal) => (refusal === undefined ? next() : sendNode(response, refusal)))
          // `probe` never rejects; this only keeps a throw from the response write from going unhandled.
          .catch(() => undefined);
      });
    }
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

function sendNode(response: NodeResponseView, error: ApiwardError): void {
  if (response.headersSent) return;
  response.statusCode = error.status;
  for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(error.body));
}
