import { Body, Controller, HttpCode, Param, Post, type Type } from '@nestjs/common';
import type { LabDeclarations } from '../declarations/lab-declarations';
import { CustomerService } from '../services/customer-service';

/** Twitter 2020: the internal tool that moves an account to a new email (a takeover in one call). */
export function adminController(d: LabDeclarations): Type<unknown> {
  @Controller('api/admin/accounts')
  class AdminController {
    constructor(private readonly customers: CustomerService) {}

    @Post(':id/email')
    @HttpCode(200)
    @d.changeAccountEmail
    changeEmail(@Param('id') id: string, @Body() body: unknown): Promise<{ id: number; email: string }> {
      return this.customers.changeEmail(id, body);
    }
  }
  return AdminController;
}
