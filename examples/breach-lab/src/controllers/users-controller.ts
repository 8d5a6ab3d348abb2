import { Controller, Get, Query, type Type } from '@nestjs/common';
import type { LabDeclarations } from '../declarations/lab-declarations';
import { CustomerService } from '../services/customer-service';

/** Twitter 2021: which account owns this email or phone number. */
export function usersController(d: LabDeclarations): Type<unknown> {
  @Controller('api/users')
  class UsersController {
    constructor(private readonly customers: CustomerService) {}

    @Get('lookup')
    @d.lookupAccount
    lookup(@Query() query: unknown): Promise<{ id: number; handle: string }> {
      return this.customers.lookup(query);
    }
  }
  return UsersController;
}
