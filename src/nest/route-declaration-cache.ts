import type { Reflector } from '@nestjs/core';
import type { RequireAuthRequirement } from '../core/auth/require-auth-requirement';
import { mergeDeclarations, type PublicDeclaration, type RouteDeclaration } from '../core/route-declaration';
import { Public } from './public';
import { RequireAuth } from './require-auth';
import { readPrivilegeMetadata } from './read-privilege-metadata';
import { UniformLookupResponse } from './uniform-lookup-response';
import { AntiEnumeration } from './anti-enumeration';
import type { AntiEnumerationDeclaration } from '../core/enumeration/anti-enumeration-route';
import type { ResolvedUniformLookupResponseOptions } from '../core/uniform/uniform-lookup-response-options';

type Target = Parameters<Reflector['get']>[1];

/**
 * Builds each handler's `RouteDeclaration` from its controller and handler metadata once, then serves it
 * from a WeakMap: the guard runs on every request and must not re-read reflection metadata each time.
 * Keyed by handler, then by controller, because an inherited handler function is shared by every
 * controller class that extends the one declaring it, and each may carry different class-level metadata.
 */
export class RouteDeclarationCache {
  private readonly byHandler = new WeakMap<object, WeakMap<object, RouteDeclaration>>();

  constructor(private readonly reflector: Reflector) {}

  get(controller: Target, handler: Target): RouteDeclaration {
    let byController = this.byHandler.get(handler);
    if (byController === undefined) {
      byController = new WeakMap();
      this.byHandler.set(handler, byController);
    }
    let declaration = byController.get(controller);
    if (declaration === undefined) {
      declaration = Object.freeze(mergeDeclarations(this.read(controller), this.read(handler)));
      byController.set(controller, declaration);
    }
    return declaration;
  }

  private read(target: Target): RouteDeclaration {
    const publicDeclaration = this.reflector.get<PublicDeclaration | undefined>(Public.KEY, target);
    const requireAuth = this.reflector.get<RequireAuthRequirement | undefined>(RequireAuth.KEY, target);
    const uniformLookupResponse = this.reflector.get<ResolvedUniformLookupResponseOptions | undefined>(UniformLookupResponse.KEY, target);
    const antiEnumeration = this.reflector.get<AntiEnumerationDeclaration | undefined>(AntiEnumeration.KEY, target);
    return {
      ...(publicDeclaration !== undefined ? { public: publicDeclaration } : {}),
      ...(requireAuth !== undefined ? { requireAuth } : {}),
      ...readPrivilegeMetadata(this.reflector, target),
      ...(uniformLookupResponse !== undefined ? { uniformLookupResponse } : {}),
      ...(antiEnumeration !== undefined ? { antiEnumeration } : {}),
    };
  }
}
