/**
 * The few pieces of Markdown the README checks read: fenced code blocks with the HTML comment that marks
 * them, tables that follow a marker comment, headings (for anchors) and relative links. Deliberately
 * small: the README's own conventions, not CommonMark.
 */

export interface CodeBlock {
  /** The fence's info string (`ts`, `sh`, `json`, or empty). */
  readonly lang: string;
  readonly code: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The `<!-- … -->` comment on the last non-blank line before the fence, if any. */
  readonly marker: string | undefined;
}

const COMMENT = /^<!--\s*(.*?)\s*-->$/;

export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    let previous = i - 1;
    while (previous >= 0 && (lines[previous] ?? '').trim() === '') previous--;
    const marker = COMMENT.exec((lines[previous] ?? '').trim())?.[1];
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end++;
    blocks.push({ lang: open[1] ?? '', code: lines.slice(i + 1, end).join('\n'), line: i + 1, marker });
    i = end;
  }
  return blocks;
}

/** Splits a table row on unescaped pipes, without the outer ones. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** The body rows (as cells) of the table right after the comment `<!-- marker -->`. */
export function tableAfter(markdown: string, marker: string): string[][] {
  const lines = markdown.split('\n');
  const at = lines.findIndex((line) => COMMENT.exec(line.trim())?.[1] === marker);
  if (at === -1) throw new Error(`README has no <!-- ${marker} --> marker`);
  let start = at + 1;
  while ((lines[start] ?? '').trim() === '') start++;
  const rows: string[][] = [];
  for (let i = start; (lines[i] ?? '').trim().startsWith('|'); i++) rows.push(cells(lines[i] ?? ''));
  if (rows.length < 3) throw new Error(`the table after <!-- ${marker} --> has no rows`);
  return rows.slice(2); // header and separator
}

/** Every marker comment of a kind: `options: X` → ['X', …]. */
export function markers(markdown: string, kind: string): string[] {
  const found: string[] = [];
  for (const line of markdown.split('\n')) {
    const body = COMMENT.exec(line.trim())?.[1];
    if (body?.startsWith(`${kind}:`) === true) found.push(body.slice(kind.length + 1).trim());
  }
  return found;
}

/** Every `code span` of a cell, in order. */
export function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^```/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (heading?.[1] !== undefined) {
      anchors.add(heading[1].trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, '-'));
    }
  }
  return anchors;
}

/** Relative link targets `[text](target)` outside code blocks (no scheme, no mailto). */
export function relativeLinks(markdown: string): string[] {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '').filter((target) => !/^[a-z]+:/i.test(target));
}
