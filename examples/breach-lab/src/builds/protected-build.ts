import { createLoginVerifier } from 'apiward';
import { ApiwardModule } from 'apiward/nest';
import { CustomerStore } from '../data/customer-store';
import type { LabConfig } from '../config/lab-config';
import { protectedDeclarations } from '../declarations/protected-declarations';
import type { LabKeys } from '../identity/lab-keys';
import { LabInventory } from '../inventory/lab-inventory';
import { ApiwardLabInventory } from '../inventory/apiward-lab-inventory';
import { LOGIN_VERIFIER, UniformCredentialCheck } from '../services/uniform-credential-check';
import { ConfirmByResetToken } from '../services/reset-confirmation';
import type { SecurityEventLog } from '../services/security-event-log';
import { apiwardOptions } from './apiward-options';
import type { LabBuild } from './lab-build';

/** The same API with apiward: its module (deny by default for every route) and its declarations. */
export function protectedBuild(config: LabConfig, keys: LabKeys, events: SecurityEventLog): LabBuild {
  return {
    declarations: protectedDeclarations(config),
    imports: [ApiwardModule.forRoot(apiwardOptions(config, keys, events))],
    resetConfirmation: ConfirmByResetToken,
    credentialCheck: UniformCredentialCheck,
    providers: [
      // Built once at start-up: the dummy hash uses the store's own hasher (same algorithm, same cost).
      { provide: LOGIN_VERIFIER, useFactory: (store: CustomerStore) => createLoginVerifier({ hasher: store.hasher }), inject: [CustomerStore] },
    ],
    inventory: () => ({ provide: LabInventory, useClass: ApiwardLabInventory }),
  };
}
