// Merging the files of one thread (docs/parsing.md P12): layout-only differences are the same record.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { mergePosts } from '../../src/model/merge.ts';
import { parseDump } from '../../src/parse/dump.ts';

test('a floor whose separator one copy glued to the line before is the same record as its clean copy', () => {
  const gluedBytes = readFileSync(new URL('../fixtures/parse/glued-separator.txt', import.meta.url));
  const glued = parseDump(gluedBytes, 'a.md');
  const clean = parseDump(gluedBytes.toString('utf8').replace('只能说真*****\n', '只能说真\n\n\n*****\n'), 'b.md');
  assert.deepEqual(glued.posts.map((p) => p.layout.glued === true), [false, true, false]);
  assert.deepEqual(clean.posts.map((p) => p.layout.glued === true), [false, false, false]);
  const merged = mergePosts([
    { path: 'a.md', posts: glued.posts, range: null },
    { path: 'b.md', posts: clean.posts, range: null },
  ]);
  assert.deepEqual(merged.posts.map((p) => [p.floor, p.author]), [[95, '甲'], [96, '乙'], [97, '丙']]);
  assert.equal(merged.stats.duplicatesDropped, 3);
  assert.equal(merged.stats.gaps, 0);
});
