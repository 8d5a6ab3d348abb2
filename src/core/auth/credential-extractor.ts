import type { RequestLike } from '../request-like';
import type { AuthFailures } from './auth-errors';

export type PresentedCredential =
  | { readonly kind: 'jwt'; readonly token: string }
  | { readonly kind: 'apiKey'; readonly key: string };

export interface CredentialExtractorOptions {
  /** Lower-case API key header, or undefined when API keys are not configured. */
  readonly apiKeyHeader: string | undefined;
  /** Whether Bearer JWTs are configured. */
  readonly jwt: boolean;
  /** Longest token worth looking at; longer ones are refused before any parsing. */
  readonly maxTokenBytes: number;
}

// RFC 6750 §2.1 b64token.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const BEARER_PREFIX_LENGTH = 'Bearer '.length;
const SPACE = 0x20;

/** `Bearer` (any letter case, RFC 7235 §2.1) followed by a space, or alone. */
function hasBearerScheme(authorization: string): boolean {
  if (authorization.length < 6 || authorization.slice(0, 6).toLowerCase() !== 'bearer') return false;
  return authorization.length === 6 || authorization.charCodeAt(6) === SPACE;
}

/**
 * Finds the one bearer credential or API key a request carries; `undefined` when it carries none.
 * Ambiguity is refused, never resolved: Node keeps only the first of two `Authorization` headers (so
 * `rawHeaders` is counted), and a request with both a JWT and an API key could be authorised by one and
 * audited as the other.
 */
export function extractCredential(req: RequestLike, options: CredentialExtractorOptions, failures: AuthFailures): PresentedCredential | undefined {
  const authorization = singleHeader(req, 'authorization', failures);
  const apiKey = options.apiKeyHeader === undefined ? undefined : singleHeader(req, options.apiKeyHeader, failures);
  if (authorization !== undefined && apiKey !== undefined) throw failures.request('multiple_credentials');
  if (apiKey !== undefined) return { kind: 'apiKey', key: apiKey };
  if (authorization === undefined) return undefined;
  // RFC 6750 §3.1: a request that carries no bearer credential — another scheme (`Basic …`), an empty
  // header, or the scheme without a token — "lacks any authentication information" and gets the bare
  // challenge (no error code), exactly like a request without the header.
  if (!hasBearerScheme(authorization)) return undefined;
  // Cap before any regex: a 16 KiB header costs one comparison.
  if (authorization.length > options.maxTokenBytes + BEARER_PREFIX_LENGTH) throw failures.token('token_too_large', 'jwt');
  // `credentials = "Bearer" 1*SP b64token` (RFC 6750 §2.1).
  let start = BEARER_PREFIX_LENGTH;
  while (authorization.charCodeAt(start) === SPACE) start += 1;
  const token = authorization.slice(start);
  if (token === '') return undefined;
  // A bearer value that is not a b64token (`Bearer a b`, `Bearer x, Bearer y`) is a malformed request.
  if (!B64TOKEN.test(token)) throw failures.request('malformed_request', 'jwt');
  if (!options.jwt) throw failures.token('credential_kind_not_accepted', 'jwt');
  return { kind: 'jwt', token };
}

/** The header's one value; two occurrences (raw or folded into an array) are a malformed request. */
function singleHeader(req: RequestLike, name: string, failures: AuthFailures): string | undefined {
  const value = req.headers[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    if (value.length !== 1) throw failures.request('multiple_credentials');
    return value[0];
  }
  const raw = req.rawHeaders;
  if (raw !== undefined) {
    let seen = 0;
    for (let i = 0; i < raw.length; i += 2) {
      const header = raw[i]!;
      if (header.length === name.length && header.toLowerCase() === name && ++seen > 1) throw failures.request('multiple_credentials');
    }
  }
  return value;
}
