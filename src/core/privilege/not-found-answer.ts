import { ApiwardError, genericBody, type ResponseHeaders } from '../errors/apiward-error';
import { assertKnownKeys, assertObject, optionError } from '../options/validate';

/**
 * What the route answers for an object that does not exist. An ownership denial sends exactly this, so
 * "not yours" cannot be told from "does not exist" (threat model §2: the Optus walk must learn nothing).
 *
 * Making the two identical is the application's half of the contract: the handler's own not-found must
 * be this same answer. The simplest way is to throw it: `throw notFoundError()` (or the module's
 * configured answer) when the lookup finds nothing. An app that already answers not-found another way
 * (Nest's `NotFoundException` gives `{"message":"Not Found","statusCode":404}`) configures `notFound`
 * with that status, body and headers instead.
 */
export interface NotFoundAnswer {
  /** HTTP status. @default 404 */
  readonly status?: number;
  /** Response body, serialised as JSON by the adapter. @default { statusCode: 404, message: 'Not Found' } */
  readonly body?: unknown;
  /** Extra response headers. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ResolvedNotFoundAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: ResponseHeaders;
}

export const DEFAULT_NOT_FOUND: ResolvedNotFoundAnswer = Object.freeze({ status: 404, body: genericBody(404), headers: Object.freeze({}) });

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export function resolveNotFoundAnswer(value: unknown, path: string): ResolvedNotFoundAnswer {
  if (value === undefined) return DEFAULT_NOT_FOUND;
  const o = assertObject(value, path);
  assertKnownKeys(o, ['status', 'body', 'headers'], path);
  const status = o.status ?? 404;
  // A denial is never a 5xx (bad input never looks like a server fault) and never a redirect.
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 499 || (status >= 300 && status < 400)) {
    throw optionError(`${path}.status`, 'must be an integer status in 200-299 or 400-499');
  }
  const body = o.body === undefined ? genericBody(status) : o.body;
  try {
    if (JSON.stringify(body) === undefined) throw new TypeError('not serialisable');
  } catch {
    throw optionError(`${path}.body`, 'must be JSON-serialisable');
  }
  return Object.freeze({ status, body, headers: resolveHeaders(o.headers, `${path}.headers`) });
}

function resolveHeaders(value: unknown, path: string): ResponseHeaders {
  if (value === undefined) return Object.freeze({});
  const o = assertObject(value, path);
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(o)) {
    if (!HEADER_NAME.test(name)) throw optionError(`${path}.${name}`, 'is not a valid header name');
    if (typeof v !== 'string' || !HEADER_VALUE.test(v)) throw optionError(`${path}.${name}`, 'must be a header value string without CR or LF');
    headers[name] = v;
  }
  return Object.freeze(headers);
}

/**
 * The not-found as an `ApiwardError`: what an ownership denial throws, and what a handler should throw
 * for a missing object so both answers are byte-identical.
 */
export function notFoundError(answer?: NotFoundAnswer): ApiwardError {
  const resolved = answer === undefined ? DEFAULT_NOT_FOUND : resolveNotFoundAnswer(answer, 'notFound');
  return new ApiwardError('not_found', resolved.status, resolved.headers, resolved.body);
}
