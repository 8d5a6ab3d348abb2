import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as ts from 'typescript';

/**
 * Transpiles `src/` and `bench/` (TypeScript, one file at a time, as ts-jest does) into a private
 * directory under `bench/.build/`. The variant apps then run on plain `node`: loading the TypeScript
 * compiler into a measured server (ts-node) would add tens of MiB to its RSS and skew the memory column.
 * One directory per harness process, so two runs on the same tree never delete each other's files.
 */
export function buildTree(root: string): string {
  const outDir = join(root, 'bench', '.build', String(process.pid));
  rmSync(outDir, { recursive: true, force: true });
  const options = compilerOptions(root);
  for (const top of ['src', 'bench']) {
    for (const file of tsFiles(join(root, top))) {
      const out = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
      const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file });
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, outputText);
    }
  }
  return outDir;
}

export function removeTree(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
}

function compilerOptions(root: string): ts.CompilerOptions {
  const configPath = join(root, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, root);
  return { ...parsed.options, module: ts.ModuleKind.CommonJS, sourceMap: false, declaration: false, noEmit: false };
}

function tsFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.build' || entry.name === 'node_modules' || entry.name === 'results') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...tsFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}
