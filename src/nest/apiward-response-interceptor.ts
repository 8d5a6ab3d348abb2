import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import type { Apiward } from '../core/apiward';
import { APIWARD } from './apiward-token';
import { ExposeFieldsInterceptor } from './expose-fields-interceptor';
import { UniformLookupResponseInterceptor } from './uniform-lookup-response-interceptor';

const HANDLED = Symbol('apiward.responseInterceptor');

/**
 * The one interceptor apiward puts on a route, and only on routes that declare `@UniformLookupResponse`
 * or `@ExposeFields` (their decorators attach it). A global interceptor would cost every route of the app
 * Nest's per-interceptor machinery on every request, for nothing; here a route without these
 * declarations has no interceptor at all.
 *
 * It fixes the order whatever order the decorators were written in: UniformLookupResponse outermost (the
 * answer replaces whatever the handler produced), ExposeFields innermost (it filters the handler's own
 * result). When both a controller and a handler attach it, the first run handles the request and the
 * second passes through.
 */
@Injectable()
export class ApiwardResponseInterceptor implements NestInterceptor {
  private readonly uniform: UniformLookupResponseInterceptor;
  private readonly exposure: ExposeFieldsInterceptor;

  constructor(@Inject(APIWARD) ward: Apiward, @Inject(Reflector) reflector: Reflector) {
    this.uniform = new UniformLookupResponseInterceptor(ward, reflector);
    this.exposure = new ExposeFieldsInterceptor(ward, reflector);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Record<symbol, unknown> | undefined>();
    if (request === undefined || request === null || request[HANDLED] === true) return next.handle();
    request[HANDLED] = true;
    const filtered: CallHandler = { handle: () => this.exposure.intercept(context, next) };
    return this.uniform.intercept(context, filtered);
  }
}
