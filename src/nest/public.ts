import { Reflector } from '@nestjs/core';
import type { CustomDecorator } from '@nestjs/common';
import type { PublicDeclaration } from '../core/route-declaration';
import { resolvePublicDeclaration } from '../core/route-declaration';

/**
 * `@Public({ reason })`: this route (or every route of this controller) is open on purpose. The reason is
 * required so that every hole in deny-by-default is explained where it is made, and lands in the route
 * inventory. A handler-level `@RequireAuth` still wins over it.
 */
export const Public: ((options: PublicDeclaration) => CustomDecorator) & { readonly KEY: string } = Reflector.createDecorator<
  PublicDeclaration,
  PublicDeclaration
>({ transform: (options) => resolvePublicDeclaration(options, 'Public') });
