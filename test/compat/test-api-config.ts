/**
 * The test API's configuration as JSON, for the fixture app built from the packed tarball
 * (fixtures/shared/nest-test-api.ts, which declares the same shape): the auth options of the in-process
 * apps (`testAuthOptions()`: RS256 public key, issuer, audience, realm) and the API key store as stored
 * hashes, plus the route constants of test/support/apps/test-api.ts, so both kinds of app serve one API.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AuthOptions, StoredApiKey } from '../../src';
import { ADMIN_MAX_AUTH_AGE_MS, ANY_AUTHENTICATED_REASON, FORGOTTEN_BODY, HEALTH_BODY, HEALTH_REASON } from '../support/apps/test-api';
import { apiKeyStore, testAuthOptions } from '../support/tokens';

export interface FixtureTestApiConfig {
  readonly auth: Omit<AuthOptions, 'apiKeys'>;
  readonly apiKeyHeader?: string;
  readonly apiKeys: Readonly<Record<string, StoredApiKey>>;
  readonly healthReason: string;
  readonly anyAuthenticatedReason: string;
  readonly adminMaxAuthAgeMs: number;
  readonly healthBody: unknown;
  readonly forgottenBody: unknown;
}

/** The environment variable the fixture app reads its configuration from. */
export const TEST_API_CONFIG_VARIABLE = 'APIWARD_TEST_API';

export function fixtureTestApiConfig(): FixtureTestApiConfig {
  const { apiKeys, ...auth } = testAuthOptions();
  // A function or a KeyObject would vanish in JSON and the child would silently run other options.
  const sent = JSON.parse(JSON.stringify(auth)) as unknown;
  if (!isDeepStrictEqual(sent, auth)) {
    throw new Error('testAuthOptions() no longer fits in JSON: teach test/compat/test-api-config.ts and the fixture app the new option');
  }
  return {
    auth,
    ...(apiKeys?.header === undefined ? {} : { apiKeyHeader: apiKeys.header }),
    apiKeys: Object.fromEntries(apiKeyStore),
    healthReason: HEALTH_REASON,
    anyAuthenticatedReason: ANY_AUTHENTICATED_REASON,
    adminMaxAuthAgeMs: ADMIN_MAX_AUTH_AGE_MS,
    healthBody: HEALTH_BODY,
    forgottenBody: FORGOTTEN_BODY,
  };
}
