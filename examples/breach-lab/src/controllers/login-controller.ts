import { Body, Controller, HttpCode, Post, type Type } from '@nestjs/common';
import type { LabDeclarations } from '../declarations/lab-declarations';
import { LoginService } from '../services/login-service';

export function loginController(d: LabDeclarations): Type<unknown> {
  @Controller('api/login')
  class LoginController {
    constructor(private readonly logins: LoginService) {}

    @Post()
    @HttpCode(200)
    @d.login
    login(@Body() body: unknown): Promise<{ accessToken: string }> {
      return this.logins.login(body);
    }
  }
  return LoginController;
}
