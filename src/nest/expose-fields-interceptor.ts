import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import type { Apiward } from '../core/apiward';
import { APIWARD } from './apiward-token';
import { principalOf } from './nest-request';
import { RouteDeclarationCache } from './route-declaration-cache';

/**
 * `@ExposeFields` on Nest (registered innermost, so it filters the handler's own result before any
 * other interceptor or the platform serialises it). It only translates: the allow-list is applied by the
 * core, for the principal the guard authenticated. Routes without `@ExposeFields` pass untouched.
 */
@Injectable()
export class ExposeFieldsInterceptor implements NestInterceptor {
  private readonly declarations: RouteDeclarationCache;

  constructor(
    @Inject(APIWARD) private readonly ward: Apiward,
    @Inject(Reflector) reflector: Reflector,
  ) {
    this.declarations = new RouteDeclarationCache(reflector);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const declaration = this.declarations.get(context.getClass(), context.getHandler());
    if (declaration.exposure === undefined) return next.handle();
    const principal = principalOf(context.switchToHttp().getRequest<unknown>());
    return next.handle().pipe(map((value: unknown) => this.ward.privilege.expose(value, declaration, principal)));
  }
}
