/** Renders rows as a plain-text table, wrapping each cell to its column's width. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): string {
  const line = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const render = (cells: readonly string[]): string[] => {
    const wrapped = widths.map((w, i) => wrap(cells[i] ?? '', w));
    const height = Math.max(...wrapped.map((c) => c.length));
    return Array.from({ length: height }, (_, r) => `| ${wrapped.map((c, i) => (c[r] ?? '').padEnd(widths[i] ?? 0)).join(' | ')} |`);
  };
  return [line, ...render(header), line, ...rows.flatMap((row) => [...render(row), line])].join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    for (let rest = word; rest.length > 0; ) {
      const piece = rest.slice(0, width);
      rest = rest.slice(width);
      if (current === '') current = piece;
      else if (current.length + 1 + piece.length <= width) current += ` ${piece}`;
      else {
        lines.push(current);
        current = piece;
      }
    }
  }
  if (current !== '' || lines.length === 0) lines.push(current);
  return lines;
}
