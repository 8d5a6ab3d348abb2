import { Controller, Get, Param, type Type } from '@nestjs/common';
import type { Customer } from '../data/customer';
import type { LabDeclarations } from '../declarations/lab-declarations';
import { CustomerService } from '../services/customer-service';

/**
 * T-Mobile's shadow API: the v1 of the customer endpoint, still deployed, forgotten by everyone. Nobody
 * declares anything on it, in either build. What happens to it is what deny-by-default is for.
 */
export function legacyCustomersController(d: LabDeclarations): Type<unknown> {
  @Controller('api/v1/customers')
  class LegacyCustomersController {
    constructor(private readonly customers: CustomerService) {}

    @Get(':id')
    @d.readCustomerLegacy
    read(@Param('id') id: string): Promise<Customer> {
      return this.customers.read(id);
    }
  }
  return LegacyCustomersController;
}
