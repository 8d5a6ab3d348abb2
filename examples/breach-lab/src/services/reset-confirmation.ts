import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { CustomerStore } from '../data/customer-store';
import { ResetTokens } from './reset-tokens';
import { emailField, newPasswordField, onlyFields, stringField } from './request-fields';

/** Reset *confirm*: the one place where the two builds differ in API shape, not only in declarations. */
export abstract class ResetConfirmation {
  abstract confirm(body: unknown): Promise<{ reset: true }>;
}

/**
 * As built (Honda 2023): `{email, newPassword}` resets any account. Naming an account is not proof of
 * controlling it; this is the flaw the incident was about.
 */
@Injectable()
export class ConfirmByIdentifier extends ResetConfirmation {
  constructor(private readonly store: CustomerStore) {
    super();
  }

  async confirm(body: unknown): Promise<{ reset: true }> {
    const customer = await this.store.findByEmail(emailField(body));
    if (customer === undefined) throw new NotFoundException('No account with this email');
    await this.store.setPassword(customer.id, newPasswordField(body));
    return { reset: true };
  }
}

/**
 * Protected: `{token, newPassword}` only. The token is the mailed proof (single-use, short-lived,
 * purpose-bound); an account identifier, an access token or a used token is refused with one answer.
 */
@Injectable()
export class ConfirmByResetToken extends ResetConfirmation {
  constructor(
    private readonly store: CustomerStore,
    private readonly tokens: ResetTokens,
  ) {
    super();
  }

  async confirm(body: unknown): Promise<{ reset: true }> {
    onlyFields(body, ['token', 'newPassword']);
    const token = stringField(body, 'token', 4096);
    const newPassword = newPasswordField(body);
    const customerId = this.tokens.consume(token);
    if (customerId === undefined) throw new UnauthorizedException();
    await this.store.setPassword(customerId, newPassword);
    return { reset: true };
  }
}
