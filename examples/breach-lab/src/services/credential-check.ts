import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { Customer } from '../data/customer';
import { CustomerStore } from '../data/customer-store';

/** Decides a login attempt. The two builds differ in what a failure reveals. */
export abstract class CredentialCheck {
  /** The customer whose password matched; throws the build's failure answer otherwise. */
  abstract check(email: string, password: string): Promise<Customer>;
}

/**
 * As built: "no such account" is a fast 404, "wrong password" a slow 401 (a hash was computed). Both the
 * status and the time tell an attacker which emails have accounts.
 */
@Injectable()
export class RevealingCredentialCheck extends CredentialCheck {
  constructor(private readonly store: CustomerStore) {
    super();
  }

  async check(email: string, password: string): Promise<Customer> {
    const customer = await this.store.findByEmail(email);
    if (customer === undefined) throw new NotFoundException('No account with this email');
    if (!(await this.store.verifyPassword(customer.id, password))) throw new UnauthorizedException('Wrong password');
    return customer;
  }
}
