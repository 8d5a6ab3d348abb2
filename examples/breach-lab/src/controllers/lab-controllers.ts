import type { Type } from '@nestjs/common';
import type { LabDeclarations } from '../declarations/lab-declarations';
import { adminController } from './admin-controller';
import { customersController } from './customers-controller';
import { healthController } from './health-controller';
import { labController } from './lab-controller';
import { legacyCustomersController } from './legacy-customers-controller';
import { loginController } from './login-controller';
import { passwordResetController } from './password-reset-controller';
import { profilesController } from './profiles-controller';
import { usersController } from './users-controller';

/**
 * The same controllers for both builds, given that build's declarations. Classes are created per call so
 * both builds can live in one process (the tests run them side by side) without sharing metadata.
 */
export function createLabControllers(d: LabDeclarations): Type<unknown>[] {
  return [
    healthController(d),
    customersController(d),
    legacyCustomersController(d),
    usersController(d),
    profilesController(d),
    passwordResetController(d),
    adminController(d),
    loginController(d),
    labController(d),
  ];
}
