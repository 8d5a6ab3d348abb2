import { Reflector } from '@nestjs/core';
import type { CustomDecorator } from '@nestjs/common';
import { toOwnershipDeclaration, type OwnershipDeclaration, type OwnershipOptions, type OwnershipPolicySource } from '../core/privilege/ownership-policy';

interface OwnsArgs {
  readonly policy: OwnershipPolicySource | undefined;
  readonly options: OwnershipOptions;
}

const decorator = Reflector.createDecorator<OwnsArgs, OwnershipDeclaration>({
  transform: ({ policy, options }) => toOwnershipDeclaration(policy, options, 'Owns'),
});

/**
 * `@Owns(policy, { ids: ['id'] })`: object-level authorization (BOLA). `policy` is a function
 * `(ctx) => boolean | Promise<boolean>` or an injectable class with `check(ctx)` (registered as a provider
 * in any module). Only `true` allows; a denial answers exactly like the route's not-found. `ids` is
 * required and non-empty (a `TypeError` naming `Owns.ids` otherwise): those parameters are refused with 400
 * when polluted or not canonical, before the policy runs.
 */
export const Owns: ((policy: OwnershipPolicySource, options: OwnershipOptions) => CustomDecorator) & { readonly KEY: string } = Object.assign(
  (policy: OwnershipPolicySource, options: OwnershipOptions): CustomDecorator => decorator({ policy, options }),
  { KEY: decorator.KEY },
);
