/**
 * Errors are data (the auth0/node-oauth2-jwt-bearer and panva/jose pattern): a stable `code` callers can
 * `switch` on, the HTTP `status`, the response `headers` (RFC 6750 `WWW-Authenticate` and friends) and a
 * generic `body` that says no more than the status does. The detailed reason never reaches the client:
 * it goes to the security event.
 */
export type ApiwardErrorCode =
  | 'invalid_request' // 400: malformed transport (two credentials, repeated Authorization, bad parameter)
  | 'invalid_token' // 401: no valid credential
  | 'insufficient_user_authentication' // 401: step-up needed (RFC 9470)
  | 'insufficient_scope' // 403: RFC 6750
  | 'forbidden' // 403: authorization deny-by-default, ownership when configured as 403
  | 'not_found' // 404: ownership denial answered like a missing object
  | 'too_many_requests' // 429
  | 'service_unavailable'; // 503: fail-closed store outage

export type ResponseHeaders = Readonly<Record<string, string>>;

const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** The one generic body for a status: identical for every reason that leads to it. */
export function genericBody(status: number): { readonly statusCode: number; readonly message: string } {
  return { statusCode: status, message: REASON_PHRASES[status] ?? 'Error' };
}

export class ApiwardError extends Error {
  override readonly name = 'ApiwardError';
  readonly code: ApiwardErrorCode;
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: unknown;

  constructor(code: ApiwardErrorCode, status: number, headers: ResponseHeaders = {}, body: unknown = genericBody(status)) {
    super(`${status} ${code}`);
    this.code = code;
    this.status = status;
    this.headers = headers;
    this.body = body;
  }
}

export function isApiwardError(value: unknown): value is ApiwardError {
  return value instanceof ApiwardError;
}
