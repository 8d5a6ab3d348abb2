/**
 * RequireAuth through real HTTP on every in-process platform: Nest 11 (Express and Fastify platforms),
 * Express 5 and Express 4 serve the same API (test/support/apps) and must give the same answers, byte
 * for byte, with the same `auth.failed` reasons. The same spec runs against the packed tarball on
 * NestJS 12 and 11 in test/compat.
 */
import { maxHeaderSize } from 'node:http';
import type { SecurityEvent } from '../../src';
import { PLATFORMS } from '../support/apps/platforms';
import type { TestAppFactory } from '../support/apps/test-api';
import { testAuthOptions } from '../support/tokens';
import { describeRequireAuthSpec } from './require-auth-spec';
import type { RequireAuthTarget } from './require-auth-target';

function inProcess(name: string, start: TestAppFactory): RequireAuthTarget {
  return {
    name,
    // The test apps listen with Node's defaults.
    maxHeaderBytes: maxHeaderSize,
    start: async () => {
      const events: SecurityEvent[] = [];
      const app = await start({ auth: testAuthOptions(), onSecurityEvent: (event) => void events.push(event) });
      return { baseUrl: app.baseUrl, events: () => events, close: () => app.close() };
    },
  };
}

describeRequireAuthSpec(PLATFORMS.map(([name, start]) => inProcess(name, start)));
