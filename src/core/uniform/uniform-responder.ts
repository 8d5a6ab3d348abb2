import type { RouteRef } from '../request-like';
import { systemClock, type UniformClock } from './uniform-clock';
import type { UniformEvent } from './uniform-events';
import { UniformExchange } from './uniform-exchange';
import {
  resolveUniformLookupResponseOptions,
  type ResolvedUniformLookupResponseOptions,
  type UniformLookupResponseOptions,
} from './uniform-lookup-response-options';

/** What the adapter provides besides the options. */
export interface UniformResponderRuntime {
  /** Time source. @default systemClock (`performance.now()`, global `setTimeout`) */
  readonly clock?: UniformClock;
  /** Receives `uniform.*` events (the engine's `emit`). @default drop them */
  readonly emit?: (event: UniformEvent) => void;
  /** The route template, copied into events. */
  readonly route?: RouteRef;
  /**
   * Sees every error a handler threw that became the uniform answer (a not-found error, a domain error, a
   * bug), so a bug is not silently turned into a success. Never called with pass-through errors. It must
   * not log identifiers. @default undefined
   */
  readonly onHandlerError?: (error: unknown) => void;
}

/**
 * The framework-free core of UniformLookupResponse, one per route: adapters build it at start-up (which
 * validates the options and serialises the answer once) and open one exchange per request.
 */
export class UniformResponder {
  private readonly clock: UniformClock;

  constructor(
    readonly options: ResolvedUniformLookupResponseOptions,
    private readonly runtime: UniformResponderRuntime = {},
  ) {
    this.clock = runtime.clock ?? systemClock;
  }

  /** Validates the options (a `TypeError` naming the option path on misuse) and builds the responder. */
  static create(options: UniformLookupResponseOptions, runtime: UniformResponderRuntime = {}, path = 'uniformLookupResponse'): UniformResponder {
    return new UniformResponder(resolveUniformLookupResponseOptions(options, path), runtime);
  }

  /** The responder's clock: adapters read it when the request has been fully received. */
  now(): number {
    return this.clock.now();
  }

  /**
   * Starts one request's exchange; `receivedAt` defaults to now, `route` (for events) to the runtime's.
   * Adapters pass the route when one responder serves a handler mounted under several paths.
   */
  open(receivedAt: number = this.clock.now(), route: RouteRef | undefined = this.runtime.route): UniformExchange {
    return new UniformExchange(
      {
        options: this.options,
        clock: this.clock,
        emit: this.runtime.emit ?? (() => undefined),
        route,
        onHandlerError: this.runtime.onHandlerError,
      },
      receivedAt,
    );
  }
}
