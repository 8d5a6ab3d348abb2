import { join } from 'node:path';
import * as ts from 'typescript';

/**
 * One TypeScript program holding the README's code blocks as in-memory files next to each other (so
 * `import { AppModule } from './app.module'` in one block finds another block), compiled with the
 * repository's own tsconfig.json: `apiward`, `apiward/nest`, … resolve to `src/` through its `paths`,
 * exactly as the examples and the tests import them. Nothing is written to disk.
 */
export interface SnippetProgram {
  /** Type errors of one snippet, formatted `file:line:col message`. */
  errors(file: string): string[];
  /** A type exported by `apiward` or `apiward/testing`, by name. */
  exportedType(name: string): ts.Type;
  readonly checker: ts.TypeChecker;
}

const ENTRY_POINTS = ['src/index.ts', 'src/testing/index.ts', 'src/nest/index.ts', 'src/express/index.ts'];

export function createSnippetProgram(root: string, snippets: ReadonlyMap<string, string>): SnippetProgram {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (config.error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root, undefined, configPath);
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true, declaration: false, sourceMap: false, incremental: false };
  // A directory that does not exist: module resolution walks up from it to the repository's node_modules.
  const dir = join(root, 'test', 'docs', 'readme');
  const virtual = new Map([...snippets].map(([file, code]) => [join(dir, file), code]));

  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path);
  host.readFile = (path) => virtual.get(path) ?? readFile.call(host, path);
  // Without it, relative imports between snippets are not even tried (their directory "does not exist").
  const { directoryExists } = host;
  host.directoryExists = (path) => path === dir || directoryExists?.call(host, path) === true;
  host.getSourceFile = (path, language, onError, shouldCreate) => {
    const code = virtual.get(path);
    return code === undefined ? getSourceFile.call(host, path, language, onError, shouldCreate) : ts.createSourceFile(path, code, language, true);
  };
  const program = ts.createProgram({ rootNames: [...virtual.keys(), ...ENTRY_POINTS.map((p) => join(root, p))], options, host });
  const checker = program.getTypeChecker();

  const format = (d: ts.Diagnostic): string => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName.replace(`${dir}/`, '')}:${line + 1}:${character + 1} ${message}`;
  };

  return {
    checker,
    errors(file) {
      const source = program.getSourceFile(join(dir, file));
      if (source === undefined) throw new Error(`snippet ${file} is not in the program`);
      return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(format);
    },
    exportedType(name) {
      for (const entry of ['src/index.ts', 'src/testing/index.ts']) {
        const source = program.getSourceFile(join(root, entry));
        const moduleSymbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
        const symbol = moduleSymbol === undefined ? undefined : checker.getExportsOfModule(moduleSymbol).find((s) => s.name === name);
        if (symbol === undefined) continue;
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return checker.getDeclaredTypeOfSymbol(target);
      }
      throw new Error(`${name} is exported neither by apiward nor by apiward/testing`);
    },
  };
}

/** Property names of the object types in `type` (a union contributes each member's; primitives none). */
export function objectProperties(checker: ts.TypeChecker, type: ts.Type): Map<string, ts.Symbol> {
  const parts = type.isUnion() ? type.types : [type];
  const props = new Map<string, ts.Symbol>();
  for (const part of parts) {
    if ((part.flags & ts.TypeFlags.Object) === 0 || part.getCallSignatures().length > 0) continue;
    for (const prop of checker.getPropertiesOfType(part)) props.set(prop.name, prop);
  }
  return props;
}

/** The string literal members of a union type (`'a' | 'b'` → ['a', 'b']). */
export function stringLiterals(type: ts.Type): string[] {
  const parts = type.isUnion() ? type.types : [type];
  return parts.filter((t): t is ts.StringLiteralType => t.isStringLiteral()).map((t) => t.value);
}
