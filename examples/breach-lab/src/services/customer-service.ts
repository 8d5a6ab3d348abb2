import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { customerHandle, type Customer } from '../data/customer';
import { CustomerStore } from '../data/customer-store';
import { emailField, numericIdParam, optionalStringField, phoneField } from './request-fields';

/**
 * What the API's handlers do with customers, identical in both builds. The handlers are as careless as
 * the incidents' were: they return whole rows and say "not found" out loud. In the protected build,
 * apiward's declarations decide who reaches them and what leaves them.
 */
@Injectable()
export class CustomerService {
  constructor(private readonly store: CustomerStore) {}

  /** `GET /api/customers/:id` and the legacy `/api/v1/customers/:id`: the whole row. */
  async read(idParam: string): Promise<Customer> {
    return this.found(await this.store.findById(numericIdParam(idParam)));
  }

  /** `GET /api/users/lookup?email=|?phone=`: which account owns this contact (Twitter 2021). */
  async lookup(query: unknown): Promise<{ id: number; handle: string }> {
    const email = optionalStringField(query, 'email', 320);
    const phone = optionalStringField(query, 'phone', 32);
    if ((email === undefined) === (phone === undefined)) throw new BadRequestException('give exactly one of email, phone');
    const customer = this.found(email !== undefined ? await this.store.findByEmail(emailField(query)) : await this.store.findByPhone(phoneField(query)));
    return { id: customer.id, handle: customerHandle(customer) };
  }

  /** `GET /api/profiles/search?email=`: the profile for an email (Duolingo), whole row. */
  async searchProfile(query: unknown): Promise<Customer> {
    return this.found(await this.store.findByEmail(emailField(query)));
  }

  /** `POST /api/admin/accounts/:id/email {email}`: the account-takeover tool (Twitter 2020). */
  async changeEmail(idParam: string, body: unknown): Promise<{ id: number; email: string }> {
    const id = numericIdParam(idParam);
    const email = emailField(body);
    const holder = await this.store.findByEmail(email);
    if (holder !== undefined && holder.id !== id) throw new ConflictException('email already in use');
    const updated = this.found(await this.store.changeEmail(id, email));
    return { id: updated.id, email: updated.email };
  }

  private found<T>(value: T | undefined): T {
    if (value === undefined) throw new NotFoundException();
    return value;
  }
}
