/**
 * `Retry-After` as RFC 9110 §10.2.3 delay-seconds: a whole number of seconds, rounded up so a client that
 * obeys it never comes back early, and at least 1 (0 would invite an immediate retry). This is an HTTP
 * header value, not a rate-limiter-flexible duration (those go through `toLimiterSeconds`).
 */
export function toRetryAfter(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1_000)));
}
