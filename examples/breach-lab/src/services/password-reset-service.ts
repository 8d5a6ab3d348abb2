import { Injectable, NotFoundException } from '@nestjs/common';
import { CustomerStore } from '../data/customer-store';
import { Outbox } from './outbox';
import { ResetTokens } from './reset-tokens';
import { emailField } from './request-fields';

/**
 * Reset *request*, shared by both builds. As built (Honda) it answers 404 for an unknown address, and a
 * real one waits for the mail server: status and time both say whether the account exists. The protected
 * build wraps this same handler in UniformLookupResponse.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly store: CustomerStore,
    private readonly tokens: ResetTokens,
    private readonly outbox: Outbox,
  ) {}

  async request(body: unknown): Promise<{ message: string }> {
    const email = emailField(body);
    const customer = await this.store.findByEmail(email);
    if (customer === undefined) throw new NotFoundException('No account with this email');
    const token = this.tokens.issue(customer.id);
    await this.outbox.send({
      to: customer.email,
      subject: 'Reset your breach-lab password',
      body: `Someone asked to reset the password of ${customer.email}. Use this token within its validity to choose a new password.`,
      token,
    });
    return { message: 'Reset link sent' };
  }
}
