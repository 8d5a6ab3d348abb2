/**
 * Durations in apiward are milliseconds everywhere. These helpers keep option literals readable
 * (`maxAuthAgeMs: minutes(10)`). The one conversion to rate-limiter-flexible's seconds lives in
 * `toLimiterSeconds`, so no other file multiplies or divides by 1000 for a limiter.
 */
export const seconds = (n: number): number => n * 1_000;
export const minutes = (n: number): number => n * 60_000;
export const hours = (n: number): number => n * 3_600_000;
export const days = (n: number): number => n * 86_400_000;

/** rate-limiter-flexible counts windows in whole seconds; round up so a window is never shorter than asked. */
export const toLimiterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1_000));
