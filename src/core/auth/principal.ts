/** Who is calling, after authentication. Claims are a null-prototype copy: `__proto__` grants nothing. */
export interface Principal {
  readonly subject: string;
  readonly kind: 'user' | 'service';
  readonly scopes: readonly string[];
  readonly claims: Readonly<Record<string, unknown>>;
  /** `auth_time` in epoch milliseconds, when the credential carries one. */
  readonly authTime: number | undefined;
  /** Authentication methods references (RFC 8176), e.g. `['pwd', 'otp']`. */
  readonly amr: readonly string[];
  readonly credential: 'jwt' | 'apiKey';
  /** `jti` for JWTs, the key id for API keys: what revocation is keyed on (never the raw token string). */
  readonly tokenId: string | undefined;
}

export type CredentialKind = Principal['credential'];
