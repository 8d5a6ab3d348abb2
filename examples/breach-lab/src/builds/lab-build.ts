import type { DynamicModule, Provider, Type } from '@nestjs/common';
import type { LabDeclarations } from '../declarations/lab-declarations';
import type { CredentialCheck } from '../services/credential-check';
import type { ResetConfirmation } from '../services/reset-confirmation';

/**
 * What distinguishes one build of the lab from the other. Everything else (services, data, the
 * controllers themselves) is shared.
 */
export interface LabBuild {
  /** What each route declares. */
  readonly declarations: LabDeclarations;
  /** Modules the build adds (apiward's module in the protected build). */
  readonly imports: DynamicModule[];
  /** Reset confirm: by identifier (the Honda flaw) or by mailed token. */
  readonly resetConfirmation: Type<ResetConfirmation>;
  /** Login failures: revealing or uniform. */
  readonly credentialCheck: Type<CredentialCheck>;
  /** Providers only this build has. */
  readonly providers: Provider[];
  /** The provider of `LabInventory`, given the build's controllers. */
  inventory(controllers: readonly Type<unknown>[]): Provider;
}
