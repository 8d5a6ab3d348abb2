/**
 * The RequireAuth e2e spec's target for a fixture project's test API (fixtures/shared/nest-test-api.ts,
 * built against the packed tarball): a child process, its security events read from its stdout.
 */
import { maxHeaderSize } from 'node:http';
import type { SecurityEvent } from '../../src';
import type { RequireAuthTarget } from '../e2e/require-auth-target';
import { startServer, type RunningServer } from './running-server';
import { fixtureTestApiConfig, TEST_API_CONFIG_VARIABLE } from './test-api-config';

const EVENT_LINE = /^SECURITY_EVENT (.*)$/;

/** The events in a child's stdout so far, parsing only what arrived since the last call. */
function securityEventsOf(server: RunningServer): () => readonly SecurityEvent[] {
  const events: SecurityEvent[] = [];
  let parsedUpTo = 0;
  return () => {
    const stdout = server.stdout();
    const end = stdout.lastIndexOf('\n') + 1;
    if (end <= parsedUpTo) return events;
    for (const line of stdout.slice(parsedUpTo, end).split('\n')) {
      const match = EVENT_LINE.exec(line);
      if (match !== null) events.push(JSON.parse(match[1]!) as SecurityEvent);
    }
    parsedUpTo = end;
    return events;
  };
}

/**
 * `node dist/nest-test-api.js <platform>` in the project `projectDir()` returns (looked up when the spec
 * starts the app, after the install).
 */
export function fixtureTestApi(name: string, platform: 'express' | 'fastify', projectDir: () => string): RequireAuthTarget {
  return {
    name,
    // The fixture listens with Node's defaults, in a node of this same binary.
    maxHeaderBytes: maxHeaderSize,
    start: async () => {
      const env = { [TEST_API_CONFIG_VARIABLE]: JSON.stringify(fixtureTestApiConfig()) };
      const server = await startServer(name, ['dist/nest-test-api.js', platform], projectDir(), env);
      return { baseUrl: server.url, events: securityEventsOf(server), diagnostics: () => server.output(), close: () => server.stop() };
    },
  };
}
