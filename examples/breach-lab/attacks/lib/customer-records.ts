import { jsonObject, type LabResponse } from './lab-client';

/** Identity-document fields: what a breach of customer records is measured in. */
export const SENSITIVE_FIELDS = ['passportNumber', 'dateOfBirth'] as const;

/** The customer record an answer carries (a 200 with an `id`), or undefined. */
export function customerRecord(res: LabResponse): Record<string, unknown> | undefined {
  if (res.status !== 200) return undefined;
  const body = jsonObject(res);
  return body !== undefined && typeof body.id === 'number' ? body : undefined;
}

export function hasSensitiveField(record: Record<string, unknown> | undefined): boolean {
  return record !== undefined && SENSITIVE_FIELDS.some((field) => record[field] !== undefined);
}

/** "At most a small handful": the bar for anything an enumeration budget lets through. */
export const HANDFUL = 20;

/** Ids of the lab's customers (10001-15000) and ids that exist nowhere. */
export const FIRST_ID = 10_001;
export const MISSING_ID = 9_000_001;
