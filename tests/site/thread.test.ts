// buildThread, the per-thread unit of the build: plain data in and out (worker-ready),
// fragments on disk with their hashes, no post text in the result.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { listGroups } from '../../src/read/group.ts';
import { buildThread } from '../../src/site/threads/build-thread.ts';
import { MULTI_TID, SITE_FIXTURE } from './fixture.ts';

describe('buildThread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-thread-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const options = { perPage: 20, pathPrefix: '/', fragmentDir: dir, smileys: null };
  const group = listGroups([SITE_FIXTURE]).groups.find((g) => g.tid === MULTI_TID)!;

  test('takes and returns structured-cloneable plain data', () => {
    assert.deepEqual(structuredClone(group), group);
    const r = buildThread(structuredClone(group), options);
    assert.deepEqual(structuredClone(r), r);
  });

  test('descriptors: meta and one page per 20 floors; fragments written with their hashes', () => {
    const r = buildThread(group, options);
    assert.equal(r.meta!.key, MULTI_TID);
    assert.equal(r.meta!.posts, 75);
    assert.equal(r.meta!.pages, 4);
    assert.deepEqual([r.meta!.firstFloor, r.meta!.lastFloor], [1, 1530]);
    assert.equal(r.meta!.firstPostAt, '2023-03-01T00:07:00+08:00');
    assert.deepEqual(r.pages.map((p) => [p.page, p.from, p.to, p.count]), [[1, 1, 20, 20], [2, 21, 40, 20], [3, 41, 1515, 20], [4, 1516, 1530, 15]]);
    for (const p of r.pages) {
      const html = readFileSync(p.fragment, 'utf8');
      assert.equal(createHash('sha256').update(html).digest('hex').slice(0, 16), p.hash);
      assert.equal((html.match(/<article /g) ?? []).length, p.count);
    }
    assert.equal(r.stats.quotesResolved, 3);
  });

  test('no post text in the result', () => {
    const json = JSON.stringify(buildThread(group, options));
    assert.ok(!json.includes('被跨页引用'), 'a post body leaked into the descriptors');
    assert.ok(json.length < 10_000, `result is ${json.length} bytes`);
  });

  test('the same input gives the same fragments', () => {
    const a = buildThread(group, options).pages.map((p) => p.hash);
    const b = buildThread(group, options).pages.map((p) => p.hash);
    assert.deepEqual(a, b);
  });
});
