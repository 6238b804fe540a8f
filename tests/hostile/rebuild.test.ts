// Building again into the same --out: a thread that left the archive (deleted by the
// archivist, for example for privacy) must not stay published at its old URL; files in
// --out that no build wrote are never deleted.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildOk, htmlFiles, SEED, tempDir } from '../helpers/build.ts';
import { dumpText } from '../helpers/dump.ts';

describe('rebuild into the same output folder', () => {
  let tmp: ReturnType<typeof tempDir>;
  let out = '';
  let first: string[] = [];
  let second: string[] = [];
  let third: string[] = [];
  before(async () => {
    tmp = tempDir('rebuild');
    out = join(tmp.path, 'out');
    // The output folder already holds someone's files.
    mkdirSync(join(out, 'important'), { recursive: true });
    writeFileSync(join(out, 'important', 'notes.txt'), 'keep me');
    writeFileSync(join(out, 'README.md'), 'keep me too');
    first = htmlFiles((await buildOk(SEED, out)).out);
    const other = join(tmp.path, 'other', '外野', '9200001-01[另一个存档].md');
    mkdirSync(join(tmp.path, 'other', '外野'), { recursive: true });
    writeFileSync(other, dumpText([{ floor: 1, author: '甲', time: '2023-8-1 10:00', body: '另一个存档的帖子' }]));
    second = htmlFiles((await buildOk(join(tmp.path, 'other'), out)).out);
    third = htmlFiles((await buildOk(SEED, out)).out);
  });
  after(() => tmp?.cleanup());

  test('files in --out that no build wrote are never deleted', () => {
    assert.equal(readFileSync(join(out, 'important', 'notes.txt'), 'utf8'), 'keep me');
    assert.equal(readFileSync(join(out, 'README.md'), 'utf8'), 'keep me too');
  });

  test('pages of threads and boards that are gone are removed', () => {
    assert.ok(first.includes('t/2267042/index.html'));
    assert.ok(!second.includes('t/2267042/index.html'), 'the seed thread is still published after a build without it');
    assert.ok(second.includes('t/9200001/index.html'));
    assert.deepEqual(third, first, 'building the seed again gives the same pages as the first time');
  });
});
