import { UseGuards } from '@nestjs/common';
import { AnyValidTokenGuard } from '../identity/any-valid-token-guard';
import { undeclared, type LabDeclarations } from './lab-declarations';

/**
 * The APIs as the incidents found them: everything open, except the admin tool, which checked that the
 * caller had *some* valid token from the company's issuer and nothing more.
 */
export const unprotectedDeclarations: LabDeclarations = {
  health: undeclared,
  readCustomer: undeclared,
  readCustomerLegacy: undeclared,
  lookupAccount: undeclared,
  searchProfiles: undeclared,
  requestPasswordReset: undeclared,
  confirmPasswordReset: undeclared,
  changeAccountEmail: UseGuards(AnyValidTokenGuard),
  login: undeclared,
  labInstrumentation: undeclared,
};
