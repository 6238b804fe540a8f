// Small pure pieces of the site build: slugs, URLs, pagination, pager windows, times.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { clean, esc } from '../../src/common/text.ts';
import { layoutThread } from '../../src/site/threads/paginate.ts';
import { newestFirstItems, pagerItems } from '../../src/site/data/pager.ts';
import { SlugRegistry, boardSlug, threadKey } from '../../src/site/data/slug.ts';
import { shortDateTime, zhDate, zhDateTime } from '../../src/site/data/dates.ts';
import { Urls, normalizePrefix } from '../../src/site/data/urls.ts';
import { timeSpan } from '../../src/site/threads/starter.ts';

describe('board slugs', () => {
  test('known boards get readable slugs', () => {
    assert.equal(boardSlug('外野'), 'waiye');
    assert.equal(boardSlug('虚拟主播区专楼'), 'vtuber');
  });
  test('other names: only [a-z0-9-], stable, distinct, no traversal', () => {
    const names = ['未分类', '../../etc', '%2e%2e', '..%2f..%2f', '<svg onload=alert(1)>', '{{7*7}}', 'ａｓｓｅｔｓ', '\u202Eevil', 'index.html', 'A/B', 'a-b', 'A B'];
    const slugs = names.map((n) => boardSlug(n));
    for (const s of slugs) assert.match(s, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    assert.equal(new Set(slugs).size, names.length);
  });
  test('other names: ASCII letters and digits of the name, then 8 hex of its SHA-256 (same in every build)', () => {
    // Hashes from `printf '%s' NAME | sha256sum`.
    assert.equal(boardSlug('未分类'), 'b-54b89f90');
    assert.equal(boardSlug('ａｓｓｅｔｓ'), 'b-ce0c8b68');
    assert.equal(boardSlug('../../etc'), 'etc-74ccf3c5');
    assert.equal(boardSlug('<svg onload=alert(1)>'), 'svg-onload-alert-1-5fd6b6cd');
    assert.equal(boardSlug('A B'), 'a-b-fea4c5ce');
    assert.equal(boardSlug('a-b'), 'a-b-d44362d6');
  });
  test('the registry keeps one slug per name', () => {
    const r = new SlugRegistry();
    assert.equal(r.slug('漫区'), 'anime');
    assert.equal(r.slug('漫区'), 'anime');
    assert.equal(r.slug('未分类'), 'b-54b89f90');
    assert.notEqual(r.slug('甲'), r.slug('乙'));
  });
  test('thread keys: a digit tid, else a hash of the first file', () => {
    assert.equal(threadKey('2267042', 'x.md'), '2267042');
    assert.match(threadKey(null, 'seeds/000_93d286e2faad30e7.txt'), /^x[0-9a-f]{12}$/);
    assert.match(threadKey('../../9', 'a.md'), /^x[0-9a-f]{12}$/);
    assert.match(threadKey('1e+21', 'a.md'), /^x[0-9a-f]{12}$/);
  });
});

describe('URLs', () => {
  test('prefixes are normalised and refuse dot segments', () => {
    assert.equal(normalizePrefix(undefined), '/');
    assert.equal(normalizePrefix('archive'), '/archive/');
    assert.equal(normalizePrefix('/a/b//'), '/a/b/');
    assert.throws(() => normalizePrefix('/a/../b/'));
  });
  test('directory URLs under the prefix', () => {
    const u = new Urls('/x/');
    assert.equal(u.home(), '/x/');
    assert.equal(u.thread('123'), '/x/t/123/');
    assert.equal(u.thread('123', 3), '/x/t/123/3/');
    assert.equal(u.board('waiye', 2), '/x/b/waiye/2/');
    assert.equal(u.floorIndex('123'), '/x/t/123/floors/');
  });
});

describe('thread layout', () => {
  test('pages by record count; repeated floors get distinct ids; a floor points at its first record', () => {
    const l = layoutThread([1, 2, 3, 3, 4, 5, 31, 31, 31], 4);
    assert.equal(l.pages, 3);
    assert.deepEqual(l.placed.map((p) => p.id), ['f1', 'f2', 'f3', 'f3-2', 'f4', 'f5', 'f31', 'f31-2', 'f31-3']);
    assert.deepEqual(l.placed.map((p) => p.page), [1, 1, 1, 1, 2, 2, 2, 2, 3]);
    assert.equal(l.floorAt.get(31)!.index, 6);
  });
});

describe('pager window', () => {
  test('first, last, two around the current page, gaps as null', () => {
    assert.deepEqual(pagerItems(1, 1), [1]);
    assert.deepEqual(pagerItems(5, 1), [1, 2, 3, 4, 5]);
    assert.deepEqual(pagerItems(20, 10), [1, null, 8, 9, 10, 11, 12, null, 20]);
    assert.deepEqual(pagerItems(20, 4), [1, 2, 3, 4, 5, 6, null, 20]);
    assert.equal(pagerItems(100000, 50000).length, 9);
  });
  test('pages numbered from the oldest, newest first: the head names the newest; a page never the count', () => {
    const pages = (items: ReturnType<typeof newestFirstItems>) => items.map((i) => i && i[0]);
    const href = (p: number) => `/b/x/${p}/`;
    assert.deepEqual(pages(newestFirstItems(20, null, href)), [20, 19, 18, null, 1]);
    assert.deepEqual(pages(newestFirstItems(20, 10, href)), [11, 10, 9, null, 1]);
    assert.deepEqual(pages(newestFirstItems(20, 20, href)), [20, 19, null, 1]);
    assert.deepEqual(pages(newestFirstItems(21, 10, href)), pages(newestFirstItems(20, 10, href)), 'a new newest page leaves page 10 as it was');
    assert.deepEqual(newestFirstItems(2, 1, href), [[2, '/b/x/2/'], [1, '/b/x/1/']]);
  });
});

describe('escaping', () => {
  test('escapes markup and drops control characters HTML cannot carry', () => {
    assert.equal(esc('<a href="x">\'&'), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    assert.equal(esc('nul\u0000byte\u0007\u007f'), 'nulbyte');
    assert.equal(clean('a\tb\nc\u3000\u00a0'), 'a\tb\nc\u3000\u00a0');
  });
});

describe('times', () => {
  test('shown in Beijing time whatever the machine zone', () => {
    assert.equal(zhDateTime('2025-11-12T15:41:00+08:00'), '2025年11月12日 15:41');
    assert.equal(zhDateTime('2023-1-1T00:05:00+08:00'.replace('1-1', '01-01')), '2023年1月1日 00:05');
    assert.equal(zhDate('2023-12-31T23:59:00+08:00'), '2023年12月31日');
    assert.equal(shortDateTime('2025-01-02T03:04:00+08:00'), '2025-01-02 03:04');
    // Other zones and forms go through dayjs, shown in Beijing time.
    assert.equal(zhDateTime('2023-12-31T16:30:00Z'), '2024年1月1日 00:30');
    assert.equal(shortDateTime('2023-12-31T16:30:00Z'), '2024-01-01 00:30');
  });
});

describe('thread span', () => {
  test('the earliest and latest post time as written, in any post order: the first of equal earliest, the last of equal latest', () => {
    const posts = ['2023-03-02T10:00:00+08:00', null, '2023-03-01T09:00:00+09:00', '2023-03-01T08:00:00+08:00', '2023-03-02T11:00:00+09:00', '2023-03-01T23:59:00+08:00'].map((postedAt) => ({ postedAt }));
    assert.deepEqual(timeSpan(posts), ['2023-03-01T09:00:00+09:00', '2023-03-02T11:00:00+09:00']);
    assert.deepEqual(timeSpan([{ postedAt: null }]), [null, null]);
    assert.deepEqual(timeSpan([]), [null, null]);
  });
});
