import { HttpException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Apiward, GuardResult } from '../core/apiward';
import { isPending, type Awaitable } from '../core/util/awaitable';
import { isApiwardError } from '../core/errors/apiward-error';
import { applyRequestRewrites } from '../adapter-kit/apply-request-rewrites';
import { onResponseFinish } from '../adapter-kit/on-response-finish';
import { nodeRequestOf, stampReceipt } from '../adapter-kit/request-receipt';
import { APIWARD } from './apiward-token';
import { setPrincipal, setResponseHeaders, toRequestLike } from './nest-request';
import { RouteDeclarationCache } from './route-declaration-cache';

/**
 * The global guard `ApiwardModule` installs (APP_GUARD). It only translates: Nest's request to
 * `RequestLike`, the handler's metadata to a `RouteDeclaration`, and the core's `ApiwardError` to an
 * `HttpException` whose body is the error's body as is, so Express and Fastify send the same bytes.
 */
@Injectable()
export class ApiwardGuard implements CanActivate {
  private readonly declarations: RouteDeclarationCache;

  constructor(
    @Inject(APIWARD) private readonly ward: Apiward,
    @Inject(Reflector) reflector: Reflector,
  ) {
    this.declarations = new RouteDeclarationCache(reflector);
  }

  /**
   * Synchronous when the core answered synchronously (a cached token, the memory store): Nest takes a
   * boolean as is, and a request then pays no promise for the guard.
   */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    // Deny by default reaches every transport: a WebSocket or microservice handler is not silently left
    // open because apiward cannot authenticate it yet.
    if (context.getType() !== 'http') return false;
    const http = context.switchToHttp();
    const request = http.getRequest<unknown>();
    const declaration = this.declarations.get(context.getClass(), context.getHandler());
    // A uniform route's deadline counts from here, before authentication and budgets (request-receipt.ts).
    if (declaration.uniformLookupResponse !== undefined) stampReceipt(nodeRequestOf(request));
    const { req, route } = toRequestLike(request);
    let result: Awaitable<GuardResult>;
    try {
      result = this.ward.guardNow(req, route, declaration);
    } catch (err: unknown) {
      return refuse(http, err);
    }
    if (isPending(result)) {
      return Promise.resolve(result).then(
        (r) => admit(http, request, r),
        (err: unknown) => refuse(http, err),
      );
    }
    return admit(http, request, result);
  }
}

type HttpArgumentsHost = ReturnType<ExecutionContext['switchToHttp']>;

function admit(http: HttpArgumentsHost, request: unknown, result: GuardResult): true {
  if (result.principal !== undefined) setPrincipal(request, result.principal);
  applyRequestRewrites(request, result.rewrites);
  onResponseFinish(http.getResponse<unknown>(), result.onFinish);
  return true;
}

/** The core's `ApiwardError` as an `HttpException` whose body is the error's body as is; anything else as it is. */
function refuse(http: HttpArgumentsHost, err: unknown): never {
  if (!isApiwardError(err)) throw err;
  setResponseHeaders(http.getResponse<unknown>(), err.headers);
  throw new HttpException(err.body as Record<string, unknown>, err.status);
}
