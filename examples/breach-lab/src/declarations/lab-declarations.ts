/**
 * The lab's controllers are written once; each build hands them one of these. The unprotected build's
 * entries are what the incidents' APIs had (mostly nothing); the protected build's entries are apiward
 * declarations, and only those. Reading `protectedDeclarations` is reading how each incident is closed.
 */
export interface LabDeclarations {
  /** `GET /health` */
  readonly health: MethodDecorator;
  /** `GET /api/customers/:id` (Optus) */
  readonly readCustomer: MethodDecorator;
  /** `GET /api/v1/customers/:id` (T-Mobile: the forgotten legacy route, declared by nobody in either build) */
  readonly readCustomerLegacy: MethodDecorator;
  /** `GET /api/users/lookup` (Twitter 2021) */
  readonly lookupAccount: MethodDecorator;
  /** `GET /api/profiles/search` (Duolingo) */
  readonly searchProfiles: MethodDecorator;
  /** `POST /api/password-reset` (Honda) */
  readonly requestPasswordReset: MethodDecorator;
  /** `POST /api/password-reset/confirm` (Honda) */
  readonly confirmPasswordReset: MethodDecorator;
  /** `POST /api/admin/accounts/:id/email` (Twitter 2020) */
  readonly changeAccountEmail: MethodDecorator;
  /** `POST /api/login` */
  readonly login: MethodDecorator;
  /** `GET /_lab/*`: the replay's instrumentation */
  readonly labInstrumentation: MethodDecorator;
}

/** No declaration at all. */
export const undeclared: MethodDecorator = () => undefined;
