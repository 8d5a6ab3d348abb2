/** The memory figure's subjects, in report order (the harness needs the names without loading them). */
export const MEMORY_SUBJECT_NAMES: readonly string[] = ['apiward-anti-enumeration-memory', 'rate-limiter-flexible-memory', 'nestjs-throttler-memory'];
