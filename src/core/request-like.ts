/**
 * The plain request shape every core check takes (the auth0/node-oauth2-jwt-bearer pattern): adapters
 * translate their framework's request into this, and nothing in core ever sees an Express, Fastify or
 * Nest object.
 */
export interface RequestLike {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Path and query string exactly as received (`/api/customers/1?x=1`). */
  readonly url: string;
  /** Header values keyed by lower-case name, as Node's `IncomingMessage.headers` gives them. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /**
   * Node's `rawHeaders` (name, value, name, value, …). Core uses it to see repeated headers that
   * Node folds into one value (two `Authorization` headers must be refused, not merged).
   */
  readonly rawHeaders?: readonly string[];
  /** The TCP peer address (`socket.remoteAddress`), before any proxy header is considered. */
  readonly remoteAddress?: string;
  /** Route parameters as the framework matched them (`{ id: '10002' }`). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Parsed query string, as the framework parsed it (values may be arrays or objects: treat as hostile). */
  readonly query?: Readonly<Record<string, unknown>>;
  /** Parsed body, when the framework parsed one. Hostile input. */
  readonly body?: unknown;
}

/** What a route is, for events and the inventory: the template as declared, never the raw URL. */
export interface RouteRef {
  readonly method: string;
  /** Route template as declared, with global prefix and version (`/api/customers/:id`). */
  readonly path: string;
}
