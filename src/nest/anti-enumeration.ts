import { Reflector } from '@nestjs/core';
import type { CustomDecorator } from '@nestjs/common';
import { resolveAntiEnumerationRoute, type AntiEnumerationDeclaration, type AntiEnumerationRoute } from '../core/enumeration/anti-enumeration-route';

/**
 * `@AntiEnumeration({ identifier, kind, ...budgets })` on a handler (or a controller): per-client budgets
 * against walking ids and probing emails or phones — requests, distinct identifiers, misses, consecutive
 * ids, per-target — and the identifier canonicalised before the handler reads it. Module-level defaults
 * come from `ApiwardModule.forRoot({ antiEnumeration })`; a handler's fields replace its controller's.
 * The options are validated when the app loads.
 */
export const AntiEnumeration: ((options?: AntiEnumerationRoute) => CustomDecorator) & { readonly KEY: string } = Reflector.createDecorator<
  AntiEnumerationRoute | undefined,
  AntiEnumerationDeclaration
>({ transform: (options) => resolveAntiEnumerationRoute(options, 'AntiEnumeration') });
