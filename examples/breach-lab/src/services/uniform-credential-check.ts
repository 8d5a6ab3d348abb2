import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { LoginVerifier } from 'apiward';
import type { Customer } from '../data/customer';
import { CustomerStore } from '../data/customer-store';
import { CredentialCheck } from './credential-check';

export const LOGIN_VERIFIER = 'breach-lab:login-verifier';

/**
 * Protected: apiward's login verifier runs exactly one verification of the same algorithm and cost whether
 * or not the account exists (against a dummy hash made at start-up), and both failures answer the same 401.
 */
@Injectable()
export class UniformCredentialCheck extends CredentialCheck {
  constructor(
    private readonly store: CustomerStore,
    @Inject(LOGIN_VERIFIER) private readonly verifier: LoginVerifier,
  ) {
    super();
  }

  async check(email: string, password: string): Promise<Customer> {
    const customer = await this.store.findByEmail(email);
    const stored = customer === undefined ? undefined : await this.store.storedPasswordHash(customer.id);
    if (!(await this.verifier.verify(stored, password)) || customer === undefined) throw new UnauthorizedException();
    return customer;
  }
}
