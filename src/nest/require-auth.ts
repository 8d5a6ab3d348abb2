import { Reflector } from '@nestjs/core';
import type { CustomDecorator } from '@nestjs/common';
import type { RequireAuthRequirement } from '../core/auth/require-auth-requirement';
import { resolveRequireAuthRequirement } from '../core/route-declaration';

/**
 * `@RequireAuth(requirement?)` on a controller or handler: states (or tightens) what authentication the
 * route needs — accepted credential kinds, step-up. Routes without any declaration already require an
 * authenticated principal; this decorator is for saying more than that. Controller and handler
 * requirements combine by tightening.
 */
export const RequireAuth: ((requirement?: RequireAuthRequirement) => CustomDecorator) & { readonly KEY: string } = Reflector.createDecorator<
  RequireAuthRequirement | undefined,
  RequireAuthRequirement
>({ transform: (requirement) => resolveRequireAuthRequirement(requirement ?? {}, 'RequireAuth') });
