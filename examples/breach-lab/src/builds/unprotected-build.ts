import { unprotectedDeclarations } from '../declarations/unprotected-declarations';
import { LabInventory } from '../inventory/lab-inventory';
import { RouteListingInventory } from '../inventory/route-listing-inventory';
import { RevealingCredentialCheck } from '../services/credential-check';
import { ConfirmByIdentifier } from '../services/reset-confirmation';
import type { LabBuild } from './lab-build';

/** The API as the incidents found it. */
export function unprotectedBuild(): LabBuild {
  return {
    declarations: unprotectedDeclarations,
    imports: [],
    resetConfirmation: ConfirmByIdentifier,
    credentialCheck: RevealingCredentialCheck,
    providers: [],
    inventory: (controllers) => ({ provide: LabInventory, useValue: new RouteListingInventory(controllers) }),
  };
}
