import type { SecurityEvent } from 'apiward';

/**
 * Keeps the security events apiward emitted, oldest first, for `/_lab/events`: the replay checks that
 * every denial was visible to someone. Bounded, so a long attack cannot grow it without limit.
 */
export class SecurityEventLog {
  private readonly events: SecurityEvent[] = [];

  constructor(private readonly max: number) {}

  readonly record = (event: SecurityEvent): void => {
    this.events.push(event);
    if (this.events.length > this.max) this.events.splice(0, this.events.length - this.max);
  };

  list(): readonly SecurityEvent[] {
    return this.events;
  }
}
