// STUB — owned by the core-auth work: public AuthOptions, resolveAuthOptions, ResolvedAuthOptions.
import type { SecurityEventListener } from '../events/security-event';
export interface AuthOptions { readonly realm?: string }
export interface ResolvedAuthOptions { readonly realm: string }
export function resolveAuthOptions(value: unknown, _path: string): ResolvedAuthOptions {
  void value;
  return { realm: 'api' };
}
export type { SecurityEventListener };
