import { Controller, Get, Query, type Type } from '@nestjs/common';
import type { Customer } from '../data/customer';
import type { LabDeclarations } from '../declarations/lab-declarations';
import { CustomerService } from '../services/customer-service';

/** Duolingo: a profile by email, the whole row. */
export function profilesController(d: LabDeclarations): Type<unknown> {
  @Controller('api/profiles')
  class ProfilesController {
    constructor(private readonly customers: CustomerService) {}

    @Get('search')
    @d.searchProfiles
    search(@Query() query: unknown): Promise<Customer> {
      return this.customers.searchProfile(query);
    }
  }
  return ProfilesController;
}
