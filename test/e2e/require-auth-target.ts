/**
 * What the RequireAuth e2e spec (require-auth-spec.ts) needs to know about a platform: where the test
 * API (test/support/apps/test-api.ts) answers, which security events it emitted, and the one server
 * trait apiward does not decide, the header size limit. In-process apps and child processes (the packed
 * tarball on NestJS 12 and 11, test/compat) are described the same way.
 */
import type { AuthFailedEvent, SecurityEvent } from '../../src';

/** A running test API. */
export interface RunningTestApi {
  readonly baseUrl: string;
  /**
   * Every security event the app emitted so far, oldest first. A child process reports them on its
   * stdout, so they may arrive after the HTTP answer: the spec waits for them.
   */
  events(): readonly SecurityEvent[];
  /** What explains a wrong answer (a child's output), appended to failure messages. */
  diagnostics?(): string;
  close(): Promise<void>;
}

export interface RequireAuthTarget {
  /** `nest-express`, `esm-nest12 nest-fastify`, … */
  readonly name: string;
  /**
   * The HTTP server's header size limit in bytes (Node's `http.maxHeaderSize` unless the app sets its
   * own). A request with a larger header block is refused with 431 by the server, before apiward runs.
   */
  readonly maxHeaderBytes: number;
  /** Starts the test API with `testAuthOptions()` (RS256 key and API key of test/support/tokens.ts). */
  start(): Promise<RunningTestApi>;
}

/** How long a child's events may trail its HTTP answer. */
const EVENT_WAIT_MS = 3_000;
const POLL_MS = 10;

const authFailures = (events: readonly SecurityEvent[]): AuthFailedEvent[] => events.filter((e): e is AuthFailedEvent => e.type === 'auth.failed');

/**
 * The `auth.failed` reasons emitted after the first `since` events, once at least one has arrived (or
 * the wait is over: an empty list then fails the caller's assertion with a readable diff).
 */
export async function authFailureReasonsSince(api: RunningTestApi, since: number): Promise<string[]> {
  const deadline = Date.now() + EVENT_WAIT_MS;
  let failures = authFailures(api.events().slice(since));
  while (failures.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    failures = authFailures(api.events().slice(since));
  }
  return failures.map((e) => e.reason);
}

/** Runs a test body and, when it fails, adds the app's diagnostics to the message. */
export async function explained(api: RunningTestApi, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err: unknown) {
    if (api.diagnostics === undefined || !(err instanceof Error)) throw err;
    err.message = `${err.message}\n\n=== app output ===\n${api.diagnostics()}`;
    throw err;
  }
}
