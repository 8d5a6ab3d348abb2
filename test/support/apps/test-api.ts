/**
 * The one small API every platform serves in the e2e spec, so the same requests can be compared
 * byte for byte across Nest (Express and Fastify platforms), Express 5 and Express 4.
 */
import type { ApiwardOptions, Principal } from '../../../src';
import { minutes } from '../../../src';

export const HEALTH_REASON = 'load balancer health probe';
/** /me, /admin and /reports serve any authenticated caller (strict authorization needs this said). */
export const ANY_AUTHENTICATED_REASON = 'a caller reads their own principal';
/** Step-up on /admin: a second factor at most this old. */
export const ADMIN_MAX_AUTH_AGE_MS = minutes(10);

/** What /me, /admin and /reports return: enough to check who was authenticated, nothing else. */
export interface PrincipalView {
  readonly subject: string;
  readonly kind: Principal['kind'];
  readonly credential: Principal['credential'];
  readonly scopes: readonly string[];
}

export function principalView(principal: Principal | undefined): PrincipalView | { readonly principal: null } {
  if (principal === undefined) return { principal: null };
  return { subject: principal.subject, kind: principal.kind, credential: principal.credential, scopes: [...principal.scopes] };
}

export const HEALTH_BODY = { status: 'ok' } as const;
/** What the undecorated route would hand out if deny by default failed. */
export const FORGOTTEN_BODY = { leaked: 'every customer record' } as const;

/** A running test API. */
export interface TestApp {
  readonly platform: string;
  readonly baseUrl: string;
  close(): Promise<void>;
}

export type TestAppFactory = (options: ApiwardOptions) => Promise<TestApp>;
