import { Reflector } from '@nestjs/core';
import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiwardResponseInterceptor } from './apiward-response-interceptor';
import {
  resolveUniformLookupResponseOptions,
  type ResolvedUniformLookupResponseOptions,
  type UniformLookupResponseOptions,
} from '../core/uniform/uniform-lookup-response-options';

/**
 * `@UniformLookupResponse({ status, body, headers?, deadlineMs, passThrough? })` on a handler (or a
 * controller): whatever the handler returns or throws, the client receives exactly this answer — same
 * status, body bytes and headers — at the deadline measured from the request's receipt. For lookup,
 * sign-up, login-failure and reset-request routes, whose answers must not say whether an account exists.
 * The options are validated and the body serialised once, when the app loads.
 */
const UniformLookupResponseMetadata = Reflector.createDecorator<UniformLookupResponseOptions, ResolvedUniformLookupResponseOptions>({
  transform: (options) => resolveUniformLookupResponseOptions(options, 'UniformLookupResponse'),
});

/** It also attaches apiward's response interceptor to this route only: undeclared routes pay nothing. */
export const UniformLookupResponse: ((options: UniformLookupResponseOptions) => ClassDecorator & MethodDecorator) & { readonly KEY: string } =
  Object.assign(
    (options: UniformLookupResponseOptions) =>
      applyDecorators(UniformLookupResponseMetadata(options), UseInterceptors(ApiwardResponseInterceptor)),
    { KEY: UniformLookupResponseMetadata.KEY },
  );
