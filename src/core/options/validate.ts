/**
 * Small validators shared by every options pipeline (the express-rate-limit pattern: one public options
 * type, one resolve function, one private fully-required resolved type). Programmer misuse is a
 * `TypeError` quoting the option by its full path (the panva/jose pattern), thrown at start-up.
 */
export function optionError(path: string, message: string): TypeError {
  return new TypeError(`apiward: option "${path}" ${message}`);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Rejects unknown keys: a typo (`isuer`) must fail at start-up, not silently weaken a check. */
export function assertKnownKeys(value: Record<string, unknown>, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      const where = path === '' ? key : `${path}.${key}`;
      throw optionError(where, `is not a known option (known: ${allowed.join(', ')})`);
    }
  }
}

export function assertObject(value: unknown, path: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw optionError(path, 'must be a plain object');
  return value;
}

export function optionalObject(value: unknown, path: string): Record<string, unknown> | undefined {
  return value === undefined ? undefined : assertObject(value, path);
}

export function requireNonEmptyString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw optionError(path, 'is required and must be a non-empty string');
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw optionError(path, 'must be a non-empty string');
  return value;
}

export function optionalBoolean(value: unknown, path: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw optionError(path, 'must be a boolean');
  return value;
}

/** A whole number of milliseconds (or a count) within [min, max]. */
export function optionalInteger(value: unknown, path: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw optionError(path, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function optionalFunction<F extends (...args: never[]) => unknown>(value: unknown, path: string): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw optionError(path, 'must be a function');
  return value as F;
}

export function stringArray(value: unknown, path: string, { nonEmpty = false } = {}): readonly string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    throw optionError(path, 'must be an array of non-empty strings');
  }
  if (nonEmpty && value.length === 0) throw optionError(path, 'must not be empty');
  return Object.freeze([...(value as string[])]);
}
