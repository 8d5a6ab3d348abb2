import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal as CorePrincipal } from '../core/auth/principal';
import { principalOf } from './nest-request';

/**
 * `@Principal() principal: Principal`: the principal the global guard authenticated for this request
 * (`undefined` only on a public route called without a credential). The type of the same name lets one
 * import serve both the decorator and the parameter's type.
 */
export const Principal = createParamDecorator((_data: unknown, context: ExecutionContext): CorePrincipal | undefined =>
  principalOf(context.switchToHttp().getRequest<unknown>()),
);

export type Principal = CorePrincipal;
