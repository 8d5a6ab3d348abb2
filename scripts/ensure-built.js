#!/usr/bin/env node
'use strict';
/*
 * Builds dist/ when it is missing or older than src/. The examples import `apiward/nest` and
 * `apiward/express` by the package's public name, which resolves (package self-reference) to dist/, exactly
 * as in a user's app. `node scripts/ensure-built.js` or `require('./ensure-built').ensureBuilt()`.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');

function newestMtimeMs(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isFresh() {
  const dist = path.join(ROOT, 'dist');
  const entries = ['index.js', 'nest/index.js', 'express/index.js'].map((file) => path.join(dist, file));
  return entries.every((file) => fs.existsSync(file)) && newestMtimeMs(dist) >= newestMtimeMs(path.join(ROOT, 'src'));
}

/** Throws when the build fails; its compiler output goes to the terminal. */
function ensureBuilt() {
  if (isFresh()) return;
  console.log('building apiward (dist/ is missing or older than src/) …');
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed (npm run build)');
}

module.exports = { ensureBuilt };

if (require.main === module) {
  try {
    ensureBuilt();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
