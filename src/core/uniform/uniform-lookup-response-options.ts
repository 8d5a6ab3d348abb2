import { assertKnownKeys, assertObject, optionError } from '../options/validate';
import { buildUniformAnswer, NO_CONTENT_STATUSES, type UniformAnswer } from './uniform-answer';
import { encodeUniformBody, type UniformBody } from './uniform-body';
import { resolveUniformHeaders } from './uniform-headers';
import { resolvePassThrough, type PassThroughMatcher, type PassThroughRule } from './pass-through';

/**
 * `@UniformLookupResponse(...)` / `uniformLookupResponse(...)`: the one answer a lookup, sign-up, login-
 * failure or reset-request route gives, whatever its handler found (threat model §1, §5). Existence must
 * show in neither status, body bytes, headers nor time.
 */
export interface UniformLookupResponseOptions {
  /**
   * The status of every answer: a final status, 200 to 599 (1xx are not final answers). With 204 or 304
   * the body must be empty. Required.
   */
  readonly status: number;
  /**
   * The body of every answer, serialised once at start-up: a string is sent as UTF-8 text
   * (`text/plain; charset=utf-8`), a Buffer / Uint8Array as is (`application/octet-stream`), anything
   * else must be a JSON value and is sent as `JSON.stringify(body)` (`application/json; charset=utf-8`).
   * Required.
   */
  readonly body: UniformBody;
  /**
   * Extra headers sent with every answer, e.g. `{ 'Cache-Control': 'no-store' }`; a `Content-Type` here
   * replaces the default type. Names are sent in lower case. Refused: headers computed by the HTTP layer
   * (`Content-Length`, `Transfer-Encoding`, `Connection`, …) and headers that vary per response or branch
   * (`Set-Cookie`, `ETag`, `Last-Modified`, `Date`, `Content-Encoding`).
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * When the answer leaves, measured from the moment the request (body included) was fully received.
   * Pick it above the handler's slowest ordinary run: a handler that runs past it makes the answer wait for
   * the next multiple (`2 × deadlineMs`, `3 × …`) and fires a `uniform.deadline_missed` event. Integer,
   * 1 to 60000. Required.
   */
  readonly deadlineMs: number;
  /**
   * Errors that may reach the client unchanged because they do not depend on existence (decided before any
   * lookup): 4xx statuses other than 404/410, `Error` subclasses, or predicates. They still leave at the
   * deadline. Everything else a handler throws becomes the uniform answer.
   * @default []
   */
  readonly passThrough?: readonly PassThroughRule[];
}

export interface ResolvedUniformLookupResponseOptions {
  readonly answer: UniformAnswer;
  readonly deadlineMs: number;
  readonly passThrough: readonly PassThroughMatcher[];
}

const KEYS = ['status', 'body', 'headers', 'deadlineMs', 'passThrough'] as const;
const MAX_DEADLINE_MS = 60_000;

export function resolveUniformLookupResponseOptions(value: unknown, path: string): ResolvedUniformLookupResponseOptions {
  const o = assertObject(value, path);
  assertKnownKeys(o, KEYS, path);
  const status = o.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    throw optionError(`${path}.status`, 'is required and must be an integer from 200 to 599 (a final status)');
  }
  const deadlineMs = o.deadlineMs;
  if (typeof deadlineMs !== 'number' || !Number.isInteger(deadlineMs) || deadlineMs < 1 || deadlineMs > MAX_DEADLINE_MS) {
    throw optionError(`${path}.deadlineMs`, `is required and must be an integer from 1 to ${MAX_DEADLINE_MS}`);
  }
  const body = encodeUniformBody(o.body, `${path}.body`);
  const headers = resolveUniformHeaders(o.headers, `${path}.headers`);
  if (NO_CONTENT_STATUSES.has(status)) {
    if (body.bytes.length > 0) throw optionError(`${path}.body`, `must be empty ('') with status ${status}, which carries no content`);
    if (headers.some(([name]) => name === 'content-type')) throw optionError(`${path}.headers`, `must not set Content-Type with status ${status}`);
  }
  return Object.freeze({
    answer: buildUniformAnswer(status, body, headers),
    deadlineMs,
    passThrough: resolvePassThrough(o.passThrough, `${path}.passThrough`),
  });
}
