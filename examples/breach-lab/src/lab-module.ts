import { Module, type DynamicModule } from '@nestjs/common';
import { protectedBuild } from './builds/protected-build';
import { unprotectedBuild } from './builds/unprotected-build';
import type { LabConfig } from './config/lab-config';
import { createLabControllers } from './controllers/lab-controllers';
import { CustomerStore } from './data/customer-store';
import { AnyValidTokenGuard } from './identity/any-valid-token-guard';
import { loadLabKeys } from './identity/lab-keys';
import { TokenIssuer } from './identity/token-issuer';
import { LAB_CONFIG, LAB_KEYS } from './lab-tokens';
import { CredentialCheck } from './services/credential-check';
import { CustomerService } from './services/customer-service';
import { LoginService } from './services/login-service';
import { Outbox } from './services/outbox';
import { PasswordResetService } from './services/password-reset-service';
import { ResetConfirmation } from './services/reset-confirmation';
import { ResetTokens } from './services/reset-tokens';
import { SecurityEventLog } from './services/security-event-log';

/** The breach lab: one module, two builds (see builds/), the same services and data. */
@Module({})
export class LabModule {
  static forConfig(config: LabConfig): DynamicModule {
    const keys = loadLabKeys(config.identity);
    const events = new SecurityEventLog(config.settings.maxEvents);
    const build = config.mode === 'protected' ? protectedBuild(config, keys, events) : unprotectedBuild();
    const controllers = createLabControllers(build.declarations);
    return {
      module: LabModule,
      imports: build.imports,
      controllers,
      providers: [
        { provide: LAB_CONFIG, useValue: config },
        { provide: LAB_KEYS, useValue: keys },
        { provide: SecurityEventLog, useValue: events },
        { provide: ResetConfirmation, useClass: build.resetConfirmation },
        { provide: CredentialCheck, useClass: build.credentialCheck },
        build.inventory(controllers),
        ...build.providers,
        CustomerStore,
        CustomerService,
        Outbox,
        ResetTokens,
        PasswordResetService,
        TokenIssuer,
        LoginService,
        AnyValidTokenGuard,
      ],
    };
  }
}
