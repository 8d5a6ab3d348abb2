/**
 * A strict JSON (RFC 8259) parser for untrusted token segments. `JSON.parse` silently keeps the last of
 * two members with the same name, so `{"sub":"alice","sub":"admin"}` means different things to different
 * parsers (RFC 7515 §5.2 and RFC 8725 §3.11 require rejecting it). This parser:
 * - rejects duplicate member names (`DuplicateMember`),
 * - builds every object with a null prototype, so `__proto__`, `constructor` or `prototype` members are
 *   plain data and can never reach `Object.prototype`,
 * - freezes every object and array it builds: verified claims are shared by every request that re-sends
 *   the same token (the verified-token cache), so nothing downstream may change them in place,
 * - caps nesting depth so hostile input cannot exhaust the stack,
 * - accepts nothing JSON does not (no comments, trailing commas, single quotes, NaN, leading zeros).
 */
export type StrictJsonErrorKind = 'syntax' | 'duplicate_member' | 'too_deep';

export class StrictJsonError extends Error {
  override readonly name = 'StrictJsonError';
  constructor(readonly kind: StrictJsonErrorKind) {
    super(`strict JSON: ${kind}`);
  }
}

export type JsonObject = { [key: string]: unknown };

const MAX_DEPTH = 32;

interface Cursor {
  readonly text: string;
  pos: number;
}

/** Parses `text` or throws `StrictJsonError`. Objects in the result have a null prototype; all are frozen. */
export function parseStrictJson(text: string): unknown {
  const c: Cursor = { text, pos: 0 };
  skipWs(c);
  const value = parseValue(c, 0);
  skipWs(c);
  if (c.pos !== text.length) throw new StrictJsonError('syntax');
  return value;
}

function skipWs(c: Cursor): void {
  const t = c.text;
  let p = c.pos;
  for (;;) {
    const ch = t.charCodeAt(p);
    if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) p++;
    else break;
  }
  c.pos = p;
}

function parseValue(c: Cursor, depth: number): unknown {
  const ch = c.text.charCodeAt(c.pos);
  switch (ch) {
    case 0x7b: // {
      return parseObject(c, depth + 1);
    case 0x5b: // [
      return parseArray(c, depth + 1);
    case 0x22: // "
      return parseString(c);
    case 0x74: // t
      return literal(c, 'true', true);
    case 0x66: // f
      return literal(c, 'false', false);
    case 0x6e: // n
      return literal(c, 'null', null);
    default:
      return parseNumber(c);
  }
}

function literal<T>(c: Cursor, word: string, value: T): T {
  if (!c.text.startsWith(word, c.pos)) throw new StrictJsonError('syntax');
  c.pos += word.length;
  return value;
}

function parseObject(c: Cursor, depth: number): JsonObject {
  if (depth > MAX_DEPTH) throw new StrictJsonError('too_deep');
  const obj: JsonObject = Object.create(null) as JsonObject;
  c.pos++;
  skipWs(c);
  if (c.text.charCodeAt(c.pos) === 0x7d) {
    c.pos++;
    return Object.freeze(obj);
  }
  for (;;) {
    if (c.text.charCodeAt(c.pos) !== 0x22) throw new StrictJsonError('syntax');
    const key = parseString(c);
    skipWs(c);
    if (c.text.charCodeAt(c.pos) !== 0x3a) throw new StrictJsonError('syntax');
    c.pos++;
    skipWs(c);
    const value = parseValue(c, depth);
    // Null prototype: `in` sees own members only, and `__proto__` is an ordinary key.
    if (key in obj) throw new StrictJsonError('duplicate_member');
    obj[key] = value;
    skipWs(c);
    const next = c.text.charCodeAt(c.pos++);
    if (next === 0x7d) return Object.freeze(obj);
    if (next !== 0x2c) throw new StrictJsonError('syntax');
    skipWs(c);
  }
}

function parseArray(c: Cursor, depth: number): readonly unknown[] {
  if (depth > MAX_DEPTH) throw new StrictJsonError('too_deep');
  const arr: unknown[] = [];
  c.pos++;
  skipWs(c);
  if (c.text.charCodeAt(c.pos) === 0x5d) {
    c.pos++;
    return Object.freeze(arr);
  }
  for (;;) {
    arr.push(parseValue(c, depth));
    skipWs(c);
    const next = c.text.charCodeAt(c.pos++);
    if (next === 0x5d) return Object.freeze(arr);
    if (next !== 0x2c) throw new StrictJsonError('syntax');
    skipWs(c);
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const HEX4 = /^[0-9a-fA-F]{4}$/;

function parseString(c: Cursor): string {
  const t = c.text;
  let p = c.pos + 1;
  let start = p;
  let out = '';
  for (;;) {
    const ch = t.charCodeAt(p);
    if (Number.isNaN(ch) || ch < 0x20) throw new StrictJsonError('syntax'); // end of input or raw control character
    if (ch === 0x22) {
      c.pos = p + 1;
      return out + t.slice(start, p);
    }
    if (ch !== 0x5c) {
      p++;
      continue;
    }
    out += t.slice(start, p);
    const esc = t.charAt(p + 1);
    if (esc === 'u') {
      const hex = t.slice(p + 2, p + 6);
      if (!HEX4.test(hex)) throw new StrictJsonError('syntax');
      out += String.fromCharCode(parseInt(hex, 16));
      p += 6;
    } else {
      const decoded = ESCAPES[esc];
      if (decoded === undefined) throw new StrictJsonError('syntax');
      out += decoded;
      p += 2;
    }
    start = p;
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

function parseNumber(c: Cursor): number {
  NUMBER.lastIndex = c.pos;
  const match = NUMBER.exec(c.text);
  if (match === null) throw new StrictJsonError('syntax');
  c.pos += match[0].length;
  return Number(match[0]);
}
