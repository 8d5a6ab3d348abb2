import type { Principal } from '../core/auth/principal';

/*
 * `req.principal` in Express handlers, typed for every app that imports `apiward/express`. Optional on
 * purpose: on a public route called without a credential there is no principal.
 */
declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export {};
