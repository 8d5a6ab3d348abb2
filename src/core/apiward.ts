import { ApiwardError, genericBody } from './errors/apiward-error';
import { EventSink, eventTime, type EventLogLine } from './events/event-sink';
import type { SecurityEvent, SecurityEventListener } from './events/security-event';
import { assertKnownKeys, assertObject, optionalFunction } from './options/validate';
import type { RequestLike, RouteRef } from './request-like';
import type { RouteDeclaration } from './route-declaration';
import { AuthFailure } from './auth/auth-failure';
import { resolveAuthOptions, type AuthOptions, type ResolvedAuthOptions } from './auth/auth-options';
import { createAuthenticator, type Authenticator } from './auth/authenticator';
import type { Principal } from './auth/principal';

/** Everything apiward is configured with. Each protection adds its section. */
export interface ApiwardOptions {
  /** Authentication (RequireAuth). Required: deny by default needs a way to authenticate. */
  readonly auth: AuthOptions;
  /** Receives every security event. Default: one structured log line per event. */
  readonly onSecurityEvent?: SecurityEventListener;
}

export interface ResolvedApiwardOptions {
  readonly auth: ResolvedAuthOptions;
  readonly onSecurityEvent: SecurityEventListener | undefined;
}

const TOP_LEVEL_KEYS = ['auth', 'onSecurityEvent'] as const;

export function resolveApiwardOptions(options: unknown): ResolvedApiwardOptions {
  const o = assertObject(options, 'options');
  assertKnownKeys(o, TOP_LEVEL_KEYS, '');
  return {
    auth: resolveAuthOptions(o.auth, 'auth'),
    onSecurityEvent: optionalFunction<SecurityEventListener>(o.onSecurityEvent, 'onSecurityEvent'),
  };
}

/** What the adapter gives the engine besides options: how to log, and a clock (tests). */
export interface ApiwardRuntime {
  readonly log?: EventLogLine;
  readonly now?: () => number;
}

export interface GuardResult {
  /** The authenticated principal; undefined only on a public route without a credential. */
  readonly principal: Principal | undefined;
}

/**
 * The framework-free engine. Adapters build one per app, translate each request to `RequestLike`, and
 * call `guard` before the handler. Every rule lives here once.
 */
export class Apiward {
  readonly events: EventSink;
  private readonly authenticator: Authenticator;
  private readonly now: () => number;

  private constructor(
    readonly options: ResolvedApiwardOptions,
    runtime: ApiwardRuntime,
  ) {
    this.now = runtime.now ?? Date.now;
    this.events = new EventSink(options.onSecurityEvent, runtime.log ?? defaultLog);
    this.authenticator = createAuthenticator(options.auth);
  }

  /** Validates the options (throws `TypeError` naming the bad option) and builds the engine. */
  static create(options: ApiwardOptions, runtime: ApiwardRuntime = {}): Apiward {
    return new Apiward(resolveApiwardOptions(options), runtime);
  }

  emit(event: SecurityEvent): void {
    this.events.emit(event);
  }

  /**
   * Runs before the handler. Resolves with the principal, or rejects with an `ApiwardError` to send
   * as is. Deny by default: a route without `public` requires a principal.
   */
  async guard(req: RequestLike, route: RouteRef, declaration: RouteDeclaration): Promise<GuardResult> {
    if (declaration.public !== undefined && declaration.requireAuth === undefined) {
      return { principal: undefined };
    }
    const principal = await this.authenticate(req, route, declaration);
    return { principal };
  }

  private async authenticate(req: RequestLike, route: RouteRef, declaration: RouteDeclaration): Promise<Principal> {
    try {
      return await this.authenticator.authenticate(req, declaration.requireAuth ?? {});
    } catch (err: unknown) {
      const failure =
        err instanceof AuthFailure
          ? err
          : new AuthFailure('internal_error', new ApiwardError('invalid_token', 401, { 'WWW-Authenticate': `Bearer realm="${this.options.auth.realm}", error="invalid_token"` }, genericBody(401)));
      this.emit({ type: 'auth.failed', at: eventTime(this.now()), route, reason: failure.reason, ...(failure.credential ? { credential: failure.credential } : {}) });
      throw failure.error;
    }
  }
}

function defaultLog(line: string): void {
  console.warn(`[apiward] ${line}`);
}
