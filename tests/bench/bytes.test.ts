// bench/bytes.ts: every output file falls in the kind its path names; sizes add up per kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { kindOf, measure } from '../../bench/bytes.ts';

test('kinds by path: thread pages, only-this-author, floor index, author pages, authors index, name shards, the rest by folder', () => {
  const kinds = (paths: string[]) => paths.map((p) => kindOf(join(...p.split('/'))));
  assert.deepEqual(kinds(['t/123/index.html', 't/123/7/index.html']), ['t (thread pages)', 't (thread pages)']);
  assert.deepEqual(kinds(['t/123/authors/index.html', 't/123/floors/index.html']), ['t/*/authors (only this author)', 't/*/floors (floor index)']);
  assert.deepEqual(kinds(['u/0a1b2c3d4e5f/index.html', 'u/0a1b2c3d4e5f/3/index.html']), ['u/* (author pages)', 'u/* (author pages)']);
  assert.deepEqual(kinds(['u/index.html', 'u/p/2/index.html', 'u/names/0f.json']), ['u, u/p (authors index)', 'u, u/p (authors index)', 'u/names']);
  assert.deepEqual(kinds(['search/index/manifest.json', 'go/t/17.json', 'b/waiye/index.html', 'site.css']), ['search', 'go', 'b', '(root files)']);
});

test('measure: files and bytes per kind, posts from build-report.json (which is not counted)', () => {
  const out = mkdtempSync(join(tmpdir(), 'loulan-bytes-'));
  try {
    const put = (path: string, bytes: number) => {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      writeFileSync(join(out, path), 'x'.repeat(bytes));
    };
    writeFileSync(join(out, 'build-report.json'), JSON.stringify({ counts: { posts: 40 } }));
    put('t/1/index.html', 100);
    put('t/1/2/index.html', 50);
    put('u/aa/index.html', 30);
    const { posts, kinds } = measure(out);
    assert.equal(posts, 40);
    assert.deepEqual(Object.fromEntries(kinds), { 't (thread pages)': { files: 2, bytes: 150 }, 'u/* (author pages)': { files: 1, bytes: 30 } });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
