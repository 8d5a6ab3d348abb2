import { Reflector } from '@nestjs/core';
import type { CustomDecorator } from '@nestjs/common';
import { toScopeRequirement, type LeastPrivilegeArg, type ScopeRequirement } from '../core/privilege/scope-requirement';

const decorator = Reflector.createDecorator<readonly LeastPrivilegeArg[], ScopeRequirement>({
  transform: (args) => toScopeRequirement(args, 'LeastPrivilege'),
});

/**
 * `@LeastPrivilege('orders:read', 'orders:write')` requires every listed scope; `@LeastPrivilege({ anyOf:
 * [...] })` one of them; a trailing `{ mfa: true, maxAuthAgeMs }` adds step-up (RFC 9470) for privileged
 * scopes. On a controller and a handler, both requirements hold. Validated when the class loads.
 */
export const LeastPrivilege: ((...args: LeastPrivilegeArg[]) => CustomDecorator) & { readonly KEY: string } = Object.assign(
  (...args: LeastPrivilegeArg[]): CustomDecorator => decorator(args),
  { KEY: decorator.KEY },
);
