// buildThread, the per-thread unit of the build: plain data in and out (worker-ready),
// its pages written whole into the site, no post text in the result.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { listGroups } from '../../src/read/group.ts';
import { buildThread } from '../../src/site/threads/build-thread.ts';
import { LAYOUT, MULTI_TID, SITE_FIXTURE } from './fixture.ts';

describe('buildThread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-thread-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'site');
  const options = { perPage: 20, pathPrefix: '/', out, layout: LAYOUT, peopleDir: join(dir, 'cache'), smileys: null };
  mkdirSync(options.peopleDir);
  const pageFile = (page: number) => join(out, 't', MULTI_TID, ...(page > 1 ? [String(page)] : []), 'index.html');
  const group = listGroups([SITE_FIXTURE]).groups.find((g) => g.tid === MULTI_TID)!;

  test('takes and returns structured-cloneable plain data', () => {
    assert.deepEqual(structuredClone(group), group);
    const r = buildThread(structuredClone(group), options);
    assert.deepEqual(structuredClone(r), r);
  });

  test('descriptors: meta and one page per 20 floors; pages written in the layout, as their descriptors say', () => {
    const r = buildThread(group, options);
    assert.equal(r.meta!.key, MULTI_TID);
    assert.equal(r.meta!.posts, 75);
    assert.equal(r.meta!.pages, 4);
    assert.deepEqual([r.meta!.firstFloor, r.meta!.lastFloor], [1, 1530]);
    assert.equal(r.meta!.firstPostAt, '2023-03-01T00:07:00+08:00');
    assert.deepEqual(r.pages.map((p) => [p.page, p.from, p.to, p.count]), [[1, 1, 20, 20], [2, 21, 40, 20], [3, 41, 1515, 20], [4, 1516, 1530, 15]]);
    for (const p of r.pages) {
      const html = readFileSync(pageFile(p.page), 'utf8');
      assert.equal((html.match(/<article /g) ?? []).length, p.count);
      assert.match(html, p.page > 1 ? new RegExp(`<title>.* - 第${p.page}页 - 楼兰</title>`) : /<title>.* - 楼兰<\/title>/);
      assert.ok(html.startsWith('<!doctype html>') && html.includes('<body class="thread-page">') && html.endsWith('\n</main>\n</body>\n'));
      const st = statSync(pageFile(p.page));
      assert.deepEqual([p.size, p.mtimeMs], [st.size, st.mtimeMs]);
    }
    assert.ok(readFileSync(join(out, 't', MULTI_TID, 'floors', 'index.html'), 'utf8').includes('第 4 页：#1516–#1530'));
    assert.equal(r.floors![1], statSync(join(out, 't', MULTI_TID, 'floors', 'index.html')).size);
    assert.equal(r.stats.quotesResolved, 3);
  });

  test('no post text in the result', () => {
    const json = JSON.stringify(buildThread(group, options));
    assert.ok(!json.includes('被跨页引用'), 'a post body leaked into the descriptors');
    assert.ok(json.length < 10_000, `result is ${json.length} bytes`);
  });

  test('the same input gives the same pages; given the last build\'s, none is rendered or written again', () => {
    const a = buildThread(group, options);
    const html = a.pages.map((p) => readFileSync(pageFile(p.page), 'utf8'));
    const b = buildThread(group, options);
    assert.deepEqual(b.pages.map((p) => p.input), a.pages.map((p) => p.input));
    assert.deepEqual(b.pages.map((p) => readFileSync(pageFile(p.page), 'utf8')), html);
    const c = buildThread(group, { ...options, previous: Object.fromEntries(b.pages.map((p) => [p.page, p])), previousFloors: b.floors });
    assert.deepEqual([c.stats.pagesRendered, c.stats.pagesKept], [0, 4]);
    assert.deepEqual(c.pages, b.pages);
    // Other head links (the whole site's) make other pages.
    const d = buildThread(group, { ...options, previous: Object.fromEntries(c.pages.map((p) => [p.page, p])), links: { boardHref: '/b/elsewhere/', authorHref: null } });
    assert.equal(d.stats.pagesRendered, 4);
    assert.ok(readFileSync(pageFile(2), 'utf8').includes('<a href="/b/elsewhere/">'));
  });
});
