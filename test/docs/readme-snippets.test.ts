/**
 * The README cannot drift from the API:
 * - every ```ts block is marked `<!-- snippet: <file>.ts -->` and type-checks against the sources (strict,
 *   the repository's tsconfig), as a file of that name beside the other snippets;
 * - every options table marked `<!-- options: XOptions -->` lists exactly the options of that exported type
 *   (nested rows `a.b` are checked against the type of `a`);
 * - the events table lists every member of `SecurityEvent` with exactly its fields (`?` when optional), and
 *   each `<!-- union: X -->` table exactly the values of that string union;
 * - the commands and links it gives exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { codeBlocks, codeSpans, headingAnchors, markers, relativeLinks, tableAfter } from './markdown-blocks';
import { createSnippetProgram, objectProperties, stringLiterals, type SnippetProgram } from './snippet-program';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = codeBlocks(README);
const snippets = blocks.filter((b) => b.lang === 'ts').map((b) => ({ ...b, file: /^snippet:\s*(\S+\.ts)$/.exec(b.marker ?? '')?.[1] }));

let program: SnippetProgram;

beforeAll(() => {
  program = createSnippetProgram(ROOT, new Map(snippets.flatMap((s) => (s.file === undefined ? [] : [[s.file, s.code] as const]))));
});

describe('README code blocks', () => {
  test('every ts block is a named snippet, names are unique, and the quick starts are among them', () => {
    expect(snippets.filter((s) => s.file === undefined).map((s) => `README.md:${s.line}`)).toEqual([]);
    const names = snippets.map((s) => s.file);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['app.module.ts', 'express-app.ts']));
  });

  test.each(snippets.filter((s) => s.file !== undefined).map((s) => [s.file as string, s.line] as const))('%s (README.md:%i) type-checks against the sources', (file) => {
    expect(program.errors(file)).toEqual([]);
  });
});

/** Rows `a`, `a.b`: top-level names must equal the type's options; `a.*` rows are checked against `a`'s type. */
function optionProblems(type: ts.Type, rows: readonly string[], where: string): string[] {
  const props = objectProperties(program.checker, type);
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const [head = '', ...rest] = row.split('.');
    const nested = groups.get(head) ?? [];
    if (rest.length > 0) nested.push(rest.join('.'));
    groups.set(head, nested);
  }
  const problems = [
    ...[...props.keys()].filter((name) => !groups.has(name)).map((name) => `${where}${name}: not documented`),
    ...[...groups.keys()].filter((name) => !props.has(name)).map((name) => `${where}${name}: documented but not an option`),
  ];
  for (const [head, nested] of groups) {
    const prop = props.get(head);
    if (nested.length > 0 && prop !== undefined) problems.push(...optionProblems(program.checker.getTypeOfSymbol(prop), nested, `${where}${head}.`));
  }
  return problems;
}

describe('README reference tables', () => {
  const optionTables = markers(README, 'options');

  test('the options tables cover the public options types', () => {
    expect(optionTables).toEqual(
      expect.arrayContaining([
        'ApiwardOptions', 'AuthOptions', 'JwtOptions', 'ApiKeyOptions', 'RequireAuthRequirement', 'LeastPrivilegeOptions', 'LeastPrivilegeObject',
        'OwnershipOptions', 'ExposeFieldsOptions', 'AntiEnumerationOptions', 'AntiEnumerationRoute', 'UniformLookupResponseOptions', 'ExpectIndistinguishableOptions',
      ]),
    );
  });

  test.each(optionTables)('the %s table lists exactly its options', (name) => {
    const rows = tableAfter(README, `options: ${name}`).map((cells) => codeSpans(cells[0] ?? '')[0] ?? `(no option in "${cells[0]}")`);
    expect(optionProblems(program.exportedType(name), rows, '')).toEqual([]);
  });

  test('the events table lists every security event with exactly its fields', () => {
    const documented = new Map(tableAfter(README, 'events').map((cells) => [codeSpans(cells[0] ?? '')[0] ?? '', codeSpans(cells[2] ?? '').sort()]));
    const events = program.exportedType('SecurityEvent');
    const actual = new Map(
      (events.isUnion() ? events.types : [events]).map((member) => {
        const props = [...objectProperties(program.checker, member).values()];
        const type = stringLiterals(program.checker.getTypeOfSymbol(props.find((p) => p.name === 'type') as ts.Symbol))[0] ?? '';
        const fields = props.filter((p) => p.name !== 'type' && p.name !== 'at').map((p) => `${p.name}${p.flags & ts.SymbolFlags.Optional ? '?' : ''}`);
        return [type, fields.sort()] as const;
      }),
    );
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(actual));
  });

  test.each(markers(README, 'union'))('the %s table lists exactly its values', (name) => {
    const rows = tableAfter(README, `union: ${name}`).flatMap((cells) => codeSpans(cells[0] ?? '').slice(0, 1));
    expect([...new Set(rows)].sort()).toEqual(stringLiterals(program.exportedType(name)).sort());
  });
});

describe('README commands and links', () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  test('the first command is the breach lab demo', () => {
    expect(blocks.find((b) => b.lang === 'sh')?.code.trim()).toBe('npm install && npm run demo');
  });

  test('every `npm run <script>` it mentions exists in package.json', () => {
    const mentioned = new Set([...README.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1] ?? ''));
    expect([...mentioned].filter((name) => scripts[name] === undefined)).toEqual([]);
    expect(readFileSync(join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm test$/m);
  });

  test('every relative link and anchor resolves', () => {
    const broken = relativeLinks(README).filter((link) => {
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? 'README.md' : path;
      if (!existsSync(join(ROOT, target))) return true;
      return anchor !== undefined && target.endsWith('.md') && !headingAnchors(readFileSync(join(ROOT, target), 'utf8')).has(anchor);
    });
    expect(broken).toEqual([]);
  });
});
