import type { ProbeResponse } from './probe';

/** The parts of a response an observer can compare besides time. */
export type ResponseBytes = Pick<ProbeResponse, 'status' | 'headers' | 'body'>;

/** Always ignored: `Date` changes every second on every route and says nothing about the branch taken. */
export const ALWAYS_IGNORED_HEADERS: readonly string[] = Object.freeze(['date']);

const PREVIEW = 60;

function preview(body: Buffer, at: number): string {
  const start = Math.max(0, at - 10);
  return JSON.stringify(body.subarray(start, start + PREVIEW).toString('utf8'));
}

/**
 * Lists every way two responses differ in status, body bytes, and header names, values and order
 * (ignored headers left out). An empty list means byte- and header-identical.
 */
export function describeDifferences(a: ResponseBytes, b: ResponseBytes, ignored: ReadonlySet<string>, labels: readonly [string, string] = ['A', 'B']): string[] {
  const [la, lb] = labels;
  const out: string[] = [];
  if (a.status !== b.status) out.push(`status: ${la} ${a.status}, ${lb} ${b.status}`);
  if (!a.body.equals(b.body)) {
    let at = 0;
    while (at < a.body.length && at < b.body.length && a.body[at] === b.body[at]) at++;
    out.push(`body: ${la} ${a.body.length} bytes, ${lb} ${b.body.length} bytes; first difference at byte ${at}: ${la} ${preview(a.body, at)}, ${lb} ${preview(b.body, at)}`);
  }
  const ha = a.headers.filter(([name]) => !ignored.has(name));
  const hb = b.headers.filter(([name]) => !ignored.has(name));
  const valuesOf = (list: readonly (readonly [string, string])[], name: string): string[] => list.filter(([n]) => n === name).map(([, v]) => v);
  const names = [...new Set([...ha, ...hb].map(([name]) => name))];
  let sameSets = true;
  for (const name of names) {
    const va = valuesOf(ha, name);
    const vb = valuesOf(hb, name);
    if (vb.length === 0) out.push(`header "${name}": only in ${la} (${JSON.stringify(va.join(', '))})`);
    else if (va.length === 0) out.push(`header "${name}": only in ${lb} (${JSON.stringify(vb.join(', '))})`);
    else if (va.join('\n') !== vb.join('\n')) out.push(`header "${name}": ${la} ${JSON.stringify(va.join(', '))}, ${lb} ${JSON.stringify(vb.join(', '))}`);
    else continue;
    sameSets = false;
  }
  if (sameSets) {
    const orderA = ha.map(([name]) => name).join(', ');
    const orderB = hb.map(([name]) => name).join(', ');
    if (orderA !== orderB) out.push(`header order: ${la} [${orderA}], ${lb} [${orderB}]`);
  }
  return out;
}
