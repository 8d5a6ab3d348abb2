import type { Reflector } from '@nestjs/core';
import type { AnyAuthenticatedDeclaration } from '../core/privilege/any-authenticated';
import type { ExposureDeclaration } from '../core/privilege/exposure';
import type { OwnershipDeclaration } from '../core/privilege/ownership-policy';
import type { PrivilegeDeclaration } from '../core/privilege/privilege-declaration';
import type { ScopeRequirement } from '../core/privilege/scope-requirement';
import { AnyAuthenticated } from './any-authenticated';
import { ExposeFields } from './expose-fields';
import { LeastPrivilege } from './least-privilege';
import { Owns } from './owns';

type Target = Parameters<Reflector['get']>[1];

/** LeastPrivilege's decorators on one controller or handler, as the privilege part of a `RouteDeclaration`. */
export function readPrivilegeMetadata(reflector: Reflector, target: Target): PrivilegeDeclaration {
  const leastPrivilege = reflector.get<ScopeRequirement | undefined>(LeastPrivilege.KEY, target);
  const anyAuthenticated = reflector.get<AnyAuthenticatedDeclaration | undefined>(AnyAuthenticated.KEY, target);
  const owns = reflector.get<OwnershipDeclaration | undefined>(Owns.KEY, target);
  const exposure = reflector.get<ExposureDeclaration | undefined>(ExposeFields.KEY, target);
  return {
    ...(leastPrivilege !== undefined ? { leastPrivilege } : {}),
    ...(anyAuthenticated !== undefined ? { anyAuthenticated } : {}),
    ...(owns !== undefined ? { ownership: [owns] } : {}),
    ...(exposure !== undefined ? { exposure } : {}),
  };
}
