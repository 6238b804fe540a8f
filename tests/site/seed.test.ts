// The seed thread (tid 2267042, 41 floors) built into a temp folder: structure of the
// pages, quote links and backlinks, badges, times, the auto-close banner, the report.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED } from '../helpers/build.ts';
import { buildTemp, floor, type Built } from '../helpers/site.ts';

const TID = '2267042';
const THREAD = `/t/${TID}/`;

/** Quoting floor → quoted floor (the seed's quotes, docs/format.md F10.4). */
const QUOTES: [number, number][] = [
  [10, 7],
  [12, 11],
  [15, 2],
  [17, 12],
  [22, 15],
  [23, 22],
  [24, 15],
  [26, 23],
  [33, 15],
  [35, 30],
];

describe('seed site', () => {
  let site: Built;
  before(async () => {
    site = await buildTemp('seed', { input: SEED });
  });
  after(() => site?.cleanup());

  test('home, board, thread and 404 pages exist; no floor index for a one-page thread', () => {
    for (const p of ['', `t/${TID}/`, '404.html', 'site.css', 'site.js', '_headers', 'build-report.json']) assert.ok(site.has(p), p);
    assert.ok(!site.has(`t/${TID}/2/`));
    assert.ok(!site.has(`t/${TID}/floors/`));
    const $ = site.page('');
    assert.equal($('html').attr('lang'), 'zh-CN');
    const thread = $(`a[href="${THREAD}"]`);
    assert.ok(thread.length >= 1, 'home links the thread');
    const board = $('table.boards a').first().attr('href')!;
    assert.match(board, /^\/b\/[a-z0-9-]+\/$/);
    assert.ok(site.page(board.slice(1)).root().find(`a[href="${THREAD}"]`).length === 1, 'board page lists the thread');
  });

  test('every floor is an <article> with a permalink anchor linking to itself (the anchor alone: same page)', () => {
    const $ = site.page(`t/${TID}/`);
    const ids = $('article.post').map((_, e) => $(e).attr('id')).get();
    assert.deepEqual(ids, Array.from({ length: 41 }, (_, i) => `f${i + 1}`));
    for (const id of ids) assert.equal($(`#${id} .post-head a.floor`).attr('href'), `#${id}`);
  });

  test('every quote links to the quoted floor (on this one-page thread: its anchor)', () => {
    const $ = site.page(`t/${TID}/`);
    for (const [from, to] of QUOTES) {
      const links = floor($, from).find('blockquote a.floor-link').map((_, a) => $(a).attr('href')).get();
      assert.deepEqual(links, [`#f${to}`], `#${from} should quote #${to}`);
    }
  });

  test('quoted floors list their replies; #15 lists #22, #24 and #33', () => {
    const $ = site.page(`t/${TID}/`);
    const replies = (n: number) => floor($, n).find('.post-replies a').map((_, a) => $(a).text()).get();
    assert.deepEqual(replies(15), ['#22', '#24', '#33']);
    assert.deepEqual(floor($, 15).find('.post-replies a').map((_, a) => $(a).attr('href')).get(), [22, 24, 33].map((n) => `#f${n}`));
    assert.match(floor($, 15).find('.post-replies').text(), /^回复：/);
    for (const [from, to] of QUOTES) assert.ok(replies(to).includes(`#${from}`), `#${to} lists #${from}`);
    assert.equal(floor($, 3).find('.post-replies').length, 0);
  });

  test('楼主 badge on every post of the thread starter, and only there', () => {
    const $ = site.page(`t/${TID}/`);
    const op = $('article.post').filter((_, e) => $(e).find('.post-head .badge.op').length > 0).map((_, e) => $(e).attr('id')).get();
    const byName = $('article.post').filter((_, e) => $(e).find('.post-head .author').text() === '哈利谢顿').map((_, e) => $(e).attr('id')).get();
    assert.deepEqual(op, byName);
    assert.ok(op.includes('f1') && op.includes('f2') && op.includes('f10') && op.includes('f12'));
    assert.equal(floor($, 1).find('.badge.op').text(), '楼主');
  });

  test('times: ISO with +08:00 in datetime, readable Chinese date shown', () => {
    const $ = site.page(`t/${TID}/`);
    const t = floor($, 1).find('.post-head time');
    assert.equal(t.attr('datetime'), '2025-11-12T15:41:00+08:00');
    assert.equal(t.text(), '2025年11月12日 15:41');
    $('article.post .post-head time').each((_, e) => assert.match($(e).attr('datetime')!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+08:00$/));
  });

  test('thread header: title, board, span of dates and floors, forum link, auto-close banner once', () => {
    const $ = site.page(`t/${TID}/`);
    assert.ok($('h1').text().length > 0);
    assert.equal($('.crumbs a').length, 2);
    assert.match($('.thread-meta').text(), /#1–#41/);
    assert.equal($('a.forum-link').attr('href'), `https://stage1st.com/2b/thread-${TID}-1-1.html`);
    const closing = $('p').filter((_, e) => /自动关闭/.test($(e).text()));
    assert.equal(closing.length, 1, 'the auto-close notice shows once');
    assert.ok(closing.hasClass('banner'));
    assert.equal($('.banner time').attr('datetime'), '2025-12-12T15:39:00+08:00');
    assert.ok(!floor($, 1).text().includes('cronclosethread'), 'the leaked CSS is gone');
  });

  test('edit notices are quiet lines inside their post', () => {
    const $ = site.page(`t/${TID}/`);
    const edit = floor($, 16).find('.post-body .edit');
    assert.equal(edit.length, 1);
    assert.match(edit.text(), /本帖最后由 勿徊哉 于/);
  });

  test('no inline script or style anywhere', () => {
    for (const p of ['', `t/${TID}/`, '404.html']) {
      const $ = site.page(p);
      assert.equal($('style').length, 0);
      assert.equal($('[style]').length, 0);
      $('script').each((_, e) => assert.ok($(e).attr('src'), 'script has a src'));
    }
  });

  test('build-report.json counts', () => {
    const c = site.report.counts;
    assert.equal(c.threads, 1);
    assert.equal(c.posts, 41);
    assert.equal(c.pages.thread, 1);
    assert.equal(c.pages.board, 1);
    assert.equal(c.quotes.resolved, QUOTES.length);
    assert.equal(c.quotes.total, QUOTES.length);
    assert.equal(c.quotes.unresolved, 0);
    assert.ok(c.pages.total >= 4, 'home, board, thread, 404');
    for (const k of ['list', 'data', 'eleventy', 'total'] as const) assert.equal(typeof site.report.timings[k], 'number');
    assert.ok(site.report.postsPerSecond > 0);
  });
});
