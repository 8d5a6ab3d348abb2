import type { EventLogLine } from '../core/events/event-sink';

/** The default event destination for Express apps: one JSON line per event on stderr. */
export const consoleEventLog: EventLogLine = (line) => {
  console.warn(`[apiward] ${line}`);
};
