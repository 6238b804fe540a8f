// The source tree reads as the pipeline, and imports only run down it: a module may import
// from its own stage or a stage below, never from one above, and no import cycle exists.
// Order, bottom to top: records and shared helpers → parse → read → model → render →
// site (data → threads/pages → workers → build) and serve → commands → cli.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { walkFiles } from '../../src/common/fs.ts';

const SRC = resolve(import.meta.dirname, '../../src');

/** Rank of a module by its path below src/; a missing entry fails the test (new folders must be placed). */
const STAGES: [RegExp, number][] = [
  [/^types\.ts$/, 0],
  [/^common\//, 0],
  [/^parse\//, 1],
  [/^read\//, 2],
  [/^model\//, 3],
  [/^render\//, 4],
  [/^search\//, 4],
  [/^site\/data\//, 5],
  [/^site\/(threads|pages|authors)\//, 6],
  [/^site\/workers\//, 7],
  [/^site\/build\//, 8],
  [/^serve\//, 8],
  [/^commands\//, 9],
  [/^cli\.ts$/, 10],
];

const stageOf = (rel: string) => STAGES.find(([re]) => re.test(rel))?.[1];

/** Relative imports of a module: static, type-only, re-exports and dynamic import(). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specs.map((s) => relative(SRC, resolve(dirname(file), s)).split('\\').join('/'));
}

const modules = new Map<string, string[]>();
for (const f of walkFiles(SRC)) if (/\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')) modules.set(relative(SRC, f).split('\\').join('/'), importsOf(f));

test('every module of src/ belongs to a stage', () => {
  const unplaced = [...modules.keys()].filter((m) => stageOf(m) === undefined);
  assert.deepEqual(unplaced, []);
});

test('imports run down the pipeline: no module imports from a stage above it', () => {
  const upward: string[] = [];
  for (const [m, deps] of modules) {
    for (const d of deps) if ((stageOf(d) ?? Infinity) > stageOf(m)!) upward.push(`${m} → ${d}`);
  }
  assert.deepEqual(upward, []);
});

test('every relative import names an existing module', () => {
  const missing = [...modules].flatMap(([m, deps]) => deps.filter((d) => !modules.has(d) && !/\.json$/.test(d) && d !== '..').map((d) => `${m} → ${d}`));
  assert.deepEqual(missing, []);
});

test('no import cycle', () => {
  // Tarjan's strongly connected components: any component of more than one module is a cycle.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of modules.get(v) ?? []) {
      if (!modules.has(w)) continue;
      if (!idx.has(w)) visit(w), low.set(v, Math.min(low.get(v)!, low.get(w)!));
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w;
      do (w = stack.pop()!), on.delete(w), scc.push(w);
      while (w !== v);
      if (scc.length > 1 || (modules.get(v) ?? []).includes(v)) cycles.push(scc.sort());
    }
  };
  for (const m of modules.keys()) if (!idx.has(m)) visit(m);
  assert.deepEqual(cycles, []);
});

test('the checker sees the imports it must judge (self-test on a known edge)', () => {
  assert.ok(modules.get('cli.ts')!.includes('commands/command.ts'));
  assert.ok(modules.get('site/workers/pool.ts')!.includes('site/workers/tasks.ts'), 'type-only imports count too');
});
