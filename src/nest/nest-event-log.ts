import { Logger } from '@nestjs/common';
import type { EventLogLine } from '../core/events/event-sink';

/**
 * The default event destination in Nest apps: one line per event through Nest's logger (context
 * `apiward`), so security events land wherever the app already ships its logs. Warn level: every event is
 * a denial or an anomaly someone may want to alert on.
 */
export function nestEventLog(logger: Logger = new Logger('apiward')): EventLogLine {
  return (line) => logger.warn(line);
}
