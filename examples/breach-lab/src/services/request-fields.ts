import { BadRequestException } from '@nestjs/common';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const PHONE = /^\+[0-9]{6,15}$/;

/** Bodies and queries are hostile input: one string field, bounded, or 400 (never a 5xx). */
export function stringField(source: unknown, field: string, maxLength = 256): string {
  const value = isRecord(source) ? source[field] : undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw new BadRequestException(`${field} is required`);
  }
  return value;
}

export function optionalStringField(source: unknown, field: string, maxLength = 256): string | undefined {
  if (!isRecord(source) || source[field] === undefined) return undefined;
  return stringField(source, field, maxLength);
}

export function emailField(source: unknown, field = 'email'): string {
  const value = stringField(source, field, 320).trim();
  if (!EMAIL.test(value)) throw new BadRequestException(`${field} must be an email address`);
  return value.toLowerCase();
}

export function phoneField(source: unknown, field = 'phone'): string {
  const value = stringField(source, field, 32).replace(/[\s().-]/g, '');
  if (!PHONE.test(value)) throw new BadRequestException(`${field} must be an E.164 phone number`);
  return value;
}

/** A password a user may choose: 8-128 characters. */
export function newPasswordField(source: unknown): string {
  const value = stringField(source, 'newPassword', 128);
  if (value.length < 8) throw new BadRequestException('newPassword must have at least 8 characters');
  return value;
}

/** Refuses a body with fields other than the listed ones (a confirm body is `{token, newPassword}` only). */
export function onlyFields(source: unknown, fields: readonly string[]): void {
  if (!isRecord(source) || Object.keys(source).some((key) => !fields.includes(key))) {
    throw new BadRequestException(`the body must have exactly: ${fields.join(', ')}`);
  }
}

/** The numeric path id, spelled canonically (digits, no leading zero); anything else is a 400. */
export function numericIdParam(value: string): number {
  if (!/^[1-9][0-9]{0,15}$/.test(value)) throw new BadRequestException('id must be a number');
  return Number(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
