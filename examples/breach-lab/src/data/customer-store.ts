import { Inject, Injectable } from '@nestjs/common';
import type { LabConfig } from '../config/lab-config';
import { LAB_CONFIG } from '../lab-tokens';
import { FIRST_CUSTOMER_ID, LAST_CUSTOMER_ID, generateCustomer, initialPassword, type Customer } from './customer';
import { PasswordHasher } from './password-hasher';
import { simulatedLatency } from './simulated-latency';

/**
 * The lab's database, one per app instance (the two modes never share state in one process). Rows are
 * generated at start-up; password hashes are computed the first time an account is used, because hashing
 * 5,000 passwords with a real scrypt cost would take minutes.
 */
@Injectable()
export class CustomerStore {
  readonly hasher: PasswordHasher;
  private readonly rows = new Map<number, Customer>();
  private readonly byEmail = new Map<string, number>();
  private readonly byPhone = new Map<string, number>();
  private readonly passwordHashes = new Map<number, Promise<string>>();
  private readonly rowLoadMs: number;

  constructor(@Inject(LAB_CONFIG) config: LabConfig) {
    this.hasher = new PasswordHasher(config.settings.scryptCost);
    this.rowLoadMs = config.settings.profileLoadMs;
    for (let id = FIRST_CUSTOMER_ID; id <= LAST_CUSTOMER_ID; id += 1) {
      const customer = generateCustomer(id);
      this.rows.set(id, customer);
      this.byEmail.set(customer.email, id);
      this.byPhone.set(customer.phone, id);
    }
  }

  /** The full row (every field, as a careless handler would return it), or undefined. */
  async findById(id: number): Promise<Customer | undefined> {
    return this.load(this.rows.has(id) ? id : undefined);
  }

  /** Exact match on the stored (lower-case) address. */
  async findByEmail(email: string): Promise<Customer | undefined> {
    return this.load(this.byEmail.get(email.toLowerCase()));
  }

  /** Exact match on the stored E.164 number. */
  async findByPhone(phone: string): Promise<Customer | undefined> {
    return this.load(this.byPhone.get(phone));
  }

  async changeEmail(id: number, email: string): Promise<Customer | undefined> {
    const current = this.rows.get(id);
    if (current === undefined) return undefined;
    const normalized = email.toLowerCase();
    this.byEmail.delete(current.email);
    const updated: Customer = { ...current, email: normalized };
    this.rows.set(id, updated);
    this.byEmail.set(normalized, id);
    return updated;
  }

  async verifyPassword(id: number, password: string): Promise<boolean> {
    const stored = await this.storedPasswordHash(id);
    return stored === undefined ? false : this.hasher.verify(stored, password);
  }

  /** The stored hash of an account's password, or undefined for an unknown id. */
  async storedPasswordHash(id: number): Promise<string | undefined> {
    return this.passwordHashOf(id);
  }

  async setPassword(id: number, password: string): Promise<void> {
    if (!this.rows.has(id)) return;
    const hash = this.hasher.hash(password);
    this.passwordHashes.set(id, hash);
    await hash;
  }

  private passwordHashOf(id: number): Promise<string> | undefined {
    if (!this.rows.has(id)) return undefined;
    let hash = this.passwordHashes.get(id);
    if (hash === undefined) {
      hash = this.hasher.hash(initialPassword(id));
      this.passwordHashes.set(id, hash);
    }
    return hash;
  }

  private async load(id: number | undefined): Promise<Customer | undefined> {
    if (id === undefined) return undefined;
    await simulatedLatency(this.rowLoadMs);
    return this.rows.get(id);
  }
}
