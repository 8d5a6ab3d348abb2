import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Defer as CoreDefer } from '../core/uniform/deferred-work';

const DEFER = Symbol.for('apiward.defer');

interface DeferCarrier {
  [DEFER]?: CoreDefer;
}

const notUniform: CoreDefer = () => {
  throw new TypeError('apiward: @Defer() work needs a @UniformLookupResponse route (there is no answer to run it after)');
};

/** Where the uniform interceptor leaves the request's `defer` for `@Defer()`. */
export function setDefer(request: unknown, defer: CoreDefer): void {
  if (typeof request === 'object' && request !== null) (request as DeferCarrier)[DEFER] = defer;
}

/**
 * `@Defer() defer: Defer` on a `@UniformLookupResponse` handler: `defer(() => mailer.sendReset(user))`
 * runs the work after the answer has been sent, so its duration never shows; its failures become
 * `uniform.deferred_failed` events. Returning `afterResponse(work)` does the same.
 */
export const Defer = createParamDecorator((_data: unknown, context: ExecutionContext): CoreDefer => {
  const request = context.switchToHttp().getRequest<unknown>();
  return (typeof request === 'object' && request !== null ? (request as DeferCarrier)[DEFER] : undefined) ?? notUniform;
});

export type Defer = CoreDefer;
