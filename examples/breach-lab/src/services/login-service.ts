import { Injectable } from '@nestjs/common';
import { TokenIssuer } from '../identity/token-issuer';
import { CredentialCheck } from './credential-check';
import { emailField, stringField } from './request-fields';

/** `POST /api/login {email, password}` -> `{accessToken}`: a customer token from the lab's issuer. */
@Injectable()
export class LoginService {
  constructor(
    private readonly credentials: CredentialCheck,
    private readonly issuer: TokenIssuer,
  ) {}

  async login(body: unknown): Promise<{ accessToken: string }> {
    const email = emailField(body);
    const password = stringField(body, 'password', 128);
    const customer = await this.credentials.check(email, password);
    return { accessToken: this.issuer.customerAccessToken(customer.id) };
  }
}
