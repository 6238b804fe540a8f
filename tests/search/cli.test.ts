// `loulan search` in-process, on an index built from the fixture archive under a fake site.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.ts';
import { INDEX_DIR as SEARCH_DIR } from '../../src/search/format.ts';
import { indexArchive, scratch } from './helpers.ts';

const ARCHIVE = fileURLToPath(new URL('../fixtures/search/archive', import.meta.url));
let site = '';

const run = runCli;

before(async () => {
  const dir = scratch('cli');
  site = join(dir, '_site');
  await indexArchive(ARCHIVE, join(site, SEARCH_DIR), join(dir, 'tmp'));
});

test('--json: one hit a line with the documented fields; count on stderr', async () => {
  const r = await run('search', site, '什么', '--json');
  assert.equal(r.code, 0);
  const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((h) => `${h.tid}#${h.floor}`), ['4200003#2', '4200002#4', '4200001#5', '4200001#4']);
  assert.deepEqual(Object.keys(lines[0]), ['tid', 'floor', 'board', 'author', 'postedAt', 'url', 'snippet']);
  assert.equal(lines[1].snippet, '说点什么好呢');
  assert.equal(r.err, '4 hits\n');
});

test('filters, order and limit; "more than N" while more exist', async () => {
  const r = await run('search', site, '什么', '--oldest', '--limit', '2', '--json');
  assert.deepEqual(r.out.trimEnd().split('\n').map((l) => JSON.parse(l).floor), [4, 5]);
  assert.equal(r.err, 'more than 2 hits\n');
  const f = await run('search', site, 'RTX', '4090', '--author', '乙', '--board', '外野', '--from', '2023-05-01', '--to', '2023-05-01', '--json');
  assert.deepEqual(f.out.trimEnd().split('\n').map((l) => JSON.parse(l).floor), [2]);
  const text = await run('search', site, '段简');
  assert.match(text.out, /4200003\/1\/#f2/);
  assert.equal(text.err, '1 hits\n');
});

test('no hit is not an error; usage errors and a folder without an index exit 2', async () => {
  const none = await run('search', site, '不存在的词', '--json');
  assert.deepEqual([none.code, none.out, none.err], [0, '', '0 hits\n']);
  assert.equal((await run('search', site)).code, 2);
  assert.equal((await run('search', site, '什么', '--from', '2023/05/01')).code, 2);
  assert.equal((await run('search', site, '什么', '--limit', '0')).code, 2);
  const empty = scratch('empty');
  mkdirSync(join(empty, 'search'));
  const missing = await run('search', empty, '什么');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no search index/);
  assert.equal((await run('search', join(empty, 'nope'), '什么')).code, 2);
});
