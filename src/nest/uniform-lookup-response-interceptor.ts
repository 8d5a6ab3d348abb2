import type { ServerResponse } from 'node:http';
import { HttpException, Inject, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { from, lastValueFrom, mergeMap, of, throwError, type Observable } from 'rxjs';
import type { Apiward } from '../core/apiward';
import { isApiwardError } from '../core/errors/apiward-error';
import { snapshotHeaders, writeUniformAnswer, type HeaderSource } from '../core/uniform/node-response-writer';
import type { ResolvedUniformLookupResponseOptions } from '../core/uniform/uniform-lookup-response-options';
import { UniformResponder } from '../core/uniform/uniform-responder';
import type { UniformResult } from '../core/uniform/uniform-exchange';
import { whenRequestReceived } from '../adapter-kit/uniform-transport';
import { nodeRequestOf, receiptTime } from '../adapter-kit/request-receipt';
import { APIWARD } from './apiward-token';
import { setDefer } from './defer';
import { setResponseHeaders, toRequestLike } from './nest-request';
import { RouteDeclarationCache } from './route-declaration-cache';

/** The parts of a Fastify reply used here (apiward/nest imports no platform). */
interface FastifyReplyView extends HeaderSource {
  readonly raw: ServerResponse;
  hijack(): unknown;
}

const isFastifyReply = (value: unknown): value is FastifyReplyView =>
  typeof value === 'object' && value !== null && 'raw' in value && typeof (value as { hijack?: unknown }).hijack === 'function';

/**
 * Nest sends the handler's result after every interceptor has run (`status(...)`, then `send`/`json`),
 * and nothing in an interceptor can skip that step. Once the uniform answer is on the wire, that late
 * reply must neither change the status other `finish` listeners read (AntiEnumeration counts outcomes)
 * nor write again (Express would throw, Fastify would log "already sent"): on this one response object
 * those methods become no-ops.
 */
function silenceLateReply(response: object): void {
  for (const method of ['status', 'code', 'send', 'json']) {
    if (typeof (response as Record<string, unknown>)[method] === 'function') {
      Object.defineProperty(response, method, { value: function self(this: unknown) { return this; }, configurable: true, writable: true });
    }
  }
}

/**
 * `@UniformLookupResponse` on Nest, Express and Fastify platforms (registered outermost, so the answer
 * replaces whatever inner interceptors made of the result). It only translates: the core decides what to
 * send and when; this writes those exact bytes on Node's response, bypassing the platform's send path
 * (Express's ETag, charset and X-Powered-By; Fastify's serialisation and hooks).
 */
@Injectable()
export class UniformLookupResponseInterceptor implements NestInterceptor {
  private readonly declarations: RouteDeclarationCache;
  private readonly responders = new WeakMap<ResolvedUniformLookupResponseOptions, UniformResponder>();
  private readonly logger = new Logger('apiward');

  constructor(
    @Inject(APIWARD) private readonly ward: Apiward,
    @Inject(Reflector) reflector: Reflector,
  ) {
    this.declarations = new RouteDeclarationCache(reflector);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const options = this.declarations.get(context.getClass(), context.getHandler()).uniformLookupResponse;
    if (options === undefined) return next.handle();
    const http = context.switchToHttp();
    const response = http.getResponse<object>();
    return from(this.respond(options, http.getRequest<unknown>(), response, next)).pipe(
      mergeMap((result) => (result.kind === 'passThrough' ? throwError(() => this.passThroughError(result.error, response)) : of(undefined))),
    );
  }

  /** A pass-through error goes to Nest's exception layer; an `ApiwardError` is translated as the guard does. */
  private passThroughError(error: unknown, response: object): unknown {
    if (!isApiwardError(error)) return error;
    setResponseHeaders(response, error.headers);
    return new HttpException(error.body as Record<string, unknown>, error.status);
  }

  private async respond(options: ResolvedUniformLookupResponseOptions, request: unknown, response: object, next: CallHandler): Promise<UniformResult> {
    const reply = isFastifyReply(response) ? response : undefined;
    const raw = reply?.raw ?? (response as ServerResponse);
    // Headers set before the handler (CORS, helmet, `@Header`) are the same on every branch: kept.
    const keep = snapshotHeaders(reply ?? raw);
    const nodeRequest = nodeRequestOf(request);
    await whenRequestReceived(nodeRequest);
    // From the guard's stamp: the guard ran before this interceptor, and its duration (a revocation lookup,
    // a budget check or delay) must not push the answer later for one kind of account (request-receipt.ts).
    const responder = this.responder(options);
    const exchange = responder.open(receiptTime(nodeRequest) ?? responder.now(), toRequestLike(request).route);
    setDefer(request, exchange.defer);
    const result = await exchange.run(() => lastValueFrom(next.handle(), { defaultValue: undefined }));
    if (result.kind === 'answer') {
      reply?.hijack();
      // False only when the handler wrote the response itself (`@Res()`): nothing uniform is left to send.
      writeUniformAnswer(raw, result.answer, keep);
      silenceLateReply(response);
    }
    exchange.sent();
    return result;
  }

  private responder(options: ResolvedUniformLookupResponseOptions): UniformResponder {
    let responder = this.responders.get(options);
    if (responder === undefined) {
      responder = new UniformResponder(options, {
        emit: (event) => this.ward.emit(event),
        // A not-found or other HTTP exception is the handler's ordinary way to say "miss"; anything else is
        // a bug, logged as Nest's exception handler would have logged it.
        onHandlerError: (error) => {
          if (!(error instanceof HttpException)) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
        },
      });
      this.responders.set(options, responder);
    }
    return responder;
  }
}
