import { Reflector } from '@nestjs/core';
import type { CustomDecorator } from '@nestjs/common';
import { toAnyAuthenticated, type AnyAuthenticatedDeclaration } from '../core/privilege/any-authenticated';

/**
 * `@AnyAuthenticated({ reason })`: every valid principal may call this route, on purpose. Under strict
 * authorization (the default) a route with neither this, `@LeastPrivilege` nor `@Public` is refused to
 * everyone; the reason lands in the route inventory.
 */
export const AnyAuthenticated: ((options: AnyAuthenticatedDeclaration) => CustomDecorator) & { readonly KEY: string } = Reflector.createDecorator<
  AnyAuthenticatedDeclaration,
  AnyAuthenticatedDeclaration
>({ transform: (options) => toAnyAuthenticated(options, 'AnyAuthenticated') });
