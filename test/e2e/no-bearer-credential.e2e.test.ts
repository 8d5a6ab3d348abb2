/**
 * RFC 6750 §3.1: a request that "lacks any authentication information" — no Authorization header, another
 * scheme such as Basic, or the Bearer scheme without a token — is answered 401 with the bare challenge
 * `Bearer realm="…"` (no error code). 400 `invalid_request` stays for malformed or ambiguous transport.
 * Real HTTP on every platform.
 */
import { genericBody, type SecurityEvent } from '../../src';
import { get, type HeaderLines } from '../support/http';
import { PLATFORMS } from '../support/apps/platforms';
import type { TestApp } from '../support/apps/test-api';
import { signRs256, testAuthOptions } from '../support/tokens';

const NO_BEARER: readonly (readonly [string, HeaderLines])[] = [
  ['no Authorization header', []],
  ['Basic credentials', [['Authorization', 'Basic dXNlcjpwYXNz']]],
  ['the Bearer scheme alone', [['Authorization', 'Bearer']]],
  ['the Bearer scheme and a space', [['Authorization', 'Bearer ']]],
  ['an empty Authorization header', [['Authorization', '']]],
];

const MALFORMED: readonly (readonly [string, HeaderLines])[] = [
  ['two Authorization headers', [['Authorization', `Bearer ${signRs256()}`], ['Authorization', 'Basic dXNlcjpwYXNz']]],
  ['a bearer value that is not a token', [['Authorization', 'Bearer abc def']]],
];

describe.each(PLATFORMS)('requests without a bearer credential on %s', (_platform, start) => {
  let app: TestApp;
  const events: SecurityEvent[] = [];
  beforeAll(async () => {
    app = await start({ auth: testAuthOptions(), onSecurityEvent: (event) => void events.push(event) });
  });
  afterAll(() => app.close());

  it.each(NO_BEARER)('%s: 401, the bare challenge, the generic body', async (_name, headers) => {
    const before = events.length;
    const res = await get(app.baseUrl, '/me', headers);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api"');
    expect(res.text).toBe(JSON.stringify(genericBody(401)));
    expect(events.slice(before)).toEqual([expect.objectContaining({ type: 'auth.failed', reason: 'missing_credential' })]);
  });

  it.each(MALFORMED)('%s: 400 invalid_request', async (_name, headers) => {
    const res = await get(app.baseUrl, '/me', headers);
    expect(res.status).toBe(400);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="api", error="invalid_request"');
    expect(res.text).toBe(JSON.stringify(genericBody(400)));
  });
});
