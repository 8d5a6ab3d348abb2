import { optionError } from '../core/options/validate';

/**
 * The significance level. 0.001 by default: a check that runs on every CI build must rarely fail by
 * chance (one run in a thousand), while a real leak of a few milliseconds still gives p-values far below it.
 */
export function resolveAlpha(value: unknown, path: string): number {
  if (value === undefined) return 0.001;
  if (typeof value !== 'number' || !(value > 0 && value < 0.5)) throw optionError(path, 'must be a number between 0 and 0.5');
  return value;
}
