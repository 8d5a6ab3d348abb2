import { Body, Controller, HttpCode, Post, type Type } from '@nestjs/common';
import type { LabDeclarations } from '../declarations/lab-declarations';
import { PasswordResetService } from '../services/password-reset-service';
import { ResetConfirmation } from '../services/reset-confirmation';

/** Honda: reset request and reset confirm. */
export function passwordResetController(d: LabDeclarations): Type<unknown> {
  @Controller('api/password-reset')
  class PasswordResetController {
    constructor(
      private readonly resets: PasswordResetService,
      private readonly confirmation: ResetConfirmation,
    ) {}

    @Post()
    @HttpCode(200)
    @d.requestPasswordReset
    request(@Body() body: unknown): Promise<{ message: string }> {
      return this.resets.request(body);
    }

    @Post('confirm')
    @HttpCode(200)
    @d.confirmPasswordReset
    confirm(@Body() body: unknown): Promise<{ reset: true }> {
      return this.confirmation.confirm(body);
    }
  }
  return PasswordResetController;
}
