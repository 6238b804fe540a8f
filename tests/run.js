#!/usr/bin/env node
// Runs every tests/**/*.test.ts with node:test (Node 20's --test takes no globs).
// Extra arguments filter test files by substring: `npm test -- parse site`.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'fixtures') walk(p);
    else if (e.name.endsWith('.test.ts')) files.push(relative(root, p));
  }
})(join(root, 'tests'));
const chosen = filters.length ? files.filter((f) => filters.some((s) => f.includes(s))) : files;
if (!chosen.length) {
  console.error('no test files found');
  process.exit(1);
}
// Strict types first: a type error fails the suite before any test runs. Then compile dist/
// afresh (as `npm run compile` does), so that tests spawning bin/loulan.js run today's code.
const tscBin = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const tsc = spawnSync(process.execPath, [tscBin, '--noEmit', '-p', root], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('type check failed');
  process.exit(tsc.status ?? 1);
}
rmSync(join(root, 'dist'), { recursive: true, force: true });
const compile = spawnSync(process.execPath, [tscBin, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
if (compile.status !== 0) {
  console.error('compile failed');
  process.exit(compile.status ?? 1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...chosen], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
