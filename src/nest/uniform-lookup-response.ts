import { Reflector } from '@nestjs/core';
import type { CustomDecorator } from '@nestjs/common';
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
export const UniformLookupResponse: ((options: UniformLookupResponseOptions) => CustomDecorator) & { readonly KEY: string } = Reflector.createDecorator<
  UniformLookupResponseOptions,
  ResolvedUniformLookupResponseOptions
>({ transform: (options) => resolveUniformLookupResponseOptions(options, 'UniformLookupResponse') });
