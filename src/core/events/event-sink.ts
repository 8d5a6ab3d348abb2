import type { SecurityEvent, SecurityEventListener } from './security-event';

/** One structured log line per event; adapters provide it (Nest logger, console for Express). */
export type EventLogLine = (line: string, event: SecurityEvent) => void;

/**
 * Delivers events to the listener, or to a default one-line JSON log. Emitting must never throw into the
 * request path nor leave an unhandled rejection: a broken listener cannot open or break a route.
 */
export class EventSink {
  constructor(
    private readonly listener: SecurityEventListener | undefined,
    private readonly log: EventLogLine,
  ) {}

  emit(event: SecurityEvent): void {
    try {
      if (this.listener === undefined) {
        this.log(JSON.stringify(event), event);
        return;
      }
      const result = this.listener(event);
      if (result !== undefined && typeof (result as Promise<void>).then === 'function') {
        (result as Promise<void>).then(undefined, () => undefined);
      }
    } catch {
      // A listener's failure is not the request's failure.
    }
  }
}

/** Builds an event's common fields. */
export function eventTime(now: number = Date.now()): string {
  return new Date(now).toISOString();
}
