import { Controller, Get, Param, type Type } from '@nestjs/common';
import type { Customer } from '../data/customer';
import type { LabDeclarations } from '../declarations/lab-declarations';
import { CustomerService } from '../services/customer-service';

/** Optus: customer records by counting id, the whole row. */
export function customersController(d: LabDeclarations): Type<unknown> {
  @Controller('api/customers')
  class CustomersController {
    constructor(private readonly customers: CustomerService) {}

    @Get(':id')
    @d.readCustomer
    read(@Param('id') id: string): Promise<Customer> {
      return this.customers.read(id);
    }
  }
  return CustomersController;
}
