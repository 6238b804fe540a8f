// The committed hostile archive is exactly what tests/hostile/archive.ts generates, and
// every file in it parses into the posts it was written with.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseDump } from '../../src/parse/dump.ts';
import { walk } from '../helpers/build.ts';
import { HOSTILE_DIR, hostileFiles } from './archive.ts';

test('tests/fixtures/hostile is current (regenerate: node --import tsx tests/hostile/archive.ts)', () => {
  const want = hostileFiles();
  assert.deepEqual(walk(HOSTILE_DIR).filter((f) => f !== 'README.md'), want.map((f) => f.path).sort());
  for (const f of want) assert.equal(readFileSync(HOSTILE_DIR + f.path, 'utf8'), f.text, f.path);
});

test('every hostile dump parses into the posts it was written with', () => {
  for (const f of hostileFiles()) {
    if (f.path.endsWith('.meta.json')) continue;
    const d = parseDump(readFileSync(HOSTILE_DIR + f.path), f.path);
    assert.equal(d.foreign, null, f.path);
    assert.equal(d.posts.length, f.text.split('\n*****\n').length - 1 + (f.text.startsWith('*****') ? 1 : 0), f.path);
  }
});
