import type { IncomingHttpHeaders } from 'node:http';
import type { RequestLike } from '../core/request-like';

/** The fields of an Express 4/5 request (also Nest's Express platform) the core reads; structural, no import. */
export interface ExpressRequestView {
  readonly method?: string;
  readonly url?: string;
  readonly originalUrl?: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaders: string[];
  readonly socket?: { readonly remoteAddress?: string } | null;
  readonly route?: { readonly path?: unknown };
  readonly params?: unknown;
  readonly query?: unknown;
  readonly body?: unknown;
}

const asRecord = (value: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

/**
 * An Express request as the core's `RequestLike`, for both adapters that see one (apiward/express, and
 * apiward/nest on the Express platform). `query` and `body` are read only when a check asks for them:
 * Express 5's `req.query` is a getter that parses the query string on every read, and most routes never
 * look at either.
 */
export class ExpressRequestLike implements RequestLike {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaders: string[];
  readonly remoteAddress: string | undefined;
  readonly params: Readonly<Record<string, unknown>> | undefined;

  constructor(
    private readonly request: ExpressRequestView,
    method = (request.method ?? '').toUpperCase(),
  ) {
    this.method = method;
    this.url = request.originalUrl ?? request.url ?? '';
    this.headers = request.headers;
    this.rawHeaders = request.rawHeaders;
    this.remoteAddress = request.socket?.remoteAddress;
    this.params = asRecord(request.params);
  }

  get query(): Readonly<Record<string, unknown>> | undefined {
    return asRecord(this.request.query);
  }

  get body(): unknown {
    return this.request.body;
  }
}
