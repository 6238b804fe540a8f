// The site fixture (tests/site/fixture.ts) built with --per-page 20: quotes across parts
// and pages, the floor index and jump form, and every post construct the page shows;
// smileys from a local folder and from their remote URLs; a build under a path prefix.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { GONE_TID, MULTI_TID, OTHER_TID, SITE_FIXTURE } from './fixture.ts';
import { SMILEY_FIXTURES } from '../helpers/build.ts';
import { buildTemp, floor, type Built } from '../helpers/site.ts';

const T = `/t/${MULTI_TID}/`;

function htmlFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).sort();
}
const LOCAL_SMILEY = 'face2017/001.png';
const REMOTE_999 = 'https://static.saraba1st.com/image/smiley/face2017/999.png';

describe('fixture site, 20 floors per page, local smileys', () => {
  let site: Built;
  before(async () => {
    site = await buildTemp('fixture', { input: SITE_FIXTURE, perPage: 20, smileys: SMILEY_FIXTURES });
  });
  after(() => site?.cleanup());

  test('the two-part thread has 75 floors on 4 pages, pagers top and bottom', () => {
    for (const p of [1, 2, 3, 4]) assert.ok(site.has(p === 1 ? `t/${MULTI_TID}/` : `t/${MULTI_TID}/${p}/`), `page ${p}`);
    assert.ok(!site.has(`t/${MULTI_TID}/5/`));
    const $ = site.page(`t/${MULTI_TID}/3/`);
    assert.equal($('article.post').length, 20);
    assert.equal($('article.post').first().attr('id'), 'f41');
    assert.equal($('article.post').last().attr('id'), 'f1515');
    assert.equal($('nav.pager').length, 2);
    assert.equal($('nav.pager a[aria-current="page"]').first().text(), '3');
    assert.equal($('nav.pager a[rel="prev"]').first().attr('href'), `${T}2/`);
    assert.equal($('nav.pager a[rel="next"]').first().attr('href'), `${T}4/`);
    assert.equal(site.page(`t/${MULTI_TID}/`).root().find('nav.pager .prev.disabled').length, 2);
  });

  test('a quote across parts and pages links to the other page, and the quoted floor links back', () => {
    const p3 = site.page(`t/${MULTI_TID}/3/`);
    assert.deepEqual(floor(p3, 1510).find('blockquote a.floor-link').map((_, a) => p3(a).attr('href')).get(), [`${T}#f5`]);
    const p1 = site.page(`t/${MULTI_TID}/`);
    const back = floor(p1, 5).find('.post-replies a');
    assert.deepEqual(back.map((_, a) => p1(a).attr('href')).get(), [`${T}3/#f1510`]);
    assert.equal(back.text(), '#1510');
    // Form B (no link in the dump) resolves too: #1525 (page 4) → #30 (page 2).
    const p4 = site.page(`t/${MULTI_TID}/4/`);
    assert.deepEqual(floor(p4, 1525).find('blockquote a.floor-link').map((_, a) => p4(a).attr('href')).get(), [`${T}2/#f30`]);
    // Same page: the anchor alone.
    assert.deepEqual(floor(p1, 8).find('blockquote a.floor-link').map((_, a) => p1(a).attr('href')).get(), ['#f2']);
  });

  test('jump to floor: a GET form to the floor index, which lists every page range', () => {
    const $ = site.page(`t/${MULTI_TID}/2/`);
    const form = $('form.jump');
    assert.equal(form.attr('method'), 'get');
    assert.equal(form.attr('action'), `${T}floors/`);
    assert.equal(form.find('input[name="floor"]').length, 1);
    const idx = site.page(`t/${MULTI_TID}/floors/`);
    const ranges = idx('ol.floor-ranges a');
    assert.deepEqual(ranges.map((_, a) => idx(a).attr('href')).get(), [T, `${T}2/`, `${T}3/`, `${T}4/`]);
    assert.deepEqual(ranges.map((_, a) => idx(a).text()).get(), ['第 1 页：#1–#20', '第 2 页：#21–#40', '第 3 页：#41–#1515', '第 4 页：#1516–#1530']);
    assert.deepEqual([idx(ranges[2]).attr('data-min'), idx(ranges[2]).attr('data-max')], ['41', '1515']);
  });

  test('ratings: a table with the negative row styled apart', () => {
    const $ = site.page(`t/${MULTI_TID}/`);
    const table = floor($, 1).find('table.rating');
    assert.equal(table.length, 1);
    assert.equal(table.find('tbody tr').length, 3);
    assert.equal(table.find('tr.neg').length, 1);
    assert.match(table.find('tr.neg').text(), /评分乙/);
    assert.match(table.find('caption').text(), /参与人数 3/);
    assert.ok(!floor($, 1).text().includes('查看全部评分'));
  });

  test('smileys: local ones copied into the site, missing ones keep the forum URL', () => {
    const $ = site.page(`t/${MULTI_TID}/`);
    assert.equal(floor($, 1).find('img.smiley').attr('src'), `/smileys/${LOCAL_SMILEY}`);
    assert.ok(existsSync(join(site.out, 'smileys', LOCAL_SMILEY)));
    assert.equal(floor($, 7).find('img.smiley').attr('src'), REMOTE_999);
    assert.equal(site.report.counts.smileysCopied, 1);
  });

  test('attachments: image in a figure, caption under it', () => {
    const $ = site.page(`t/${MULTI_TID}/`);
    const fig = floor($, 1).find('figure');
    assert.equal(fig.length, 1);
    assert.equal(fig.find('img').attr('src'), 'https://img.saraba1st.com/forum/202303/01/000001abcdef.jpg');
    assert.match(fig.find('figcaption').text(), /截图\.jpg/);
    assert.ok(!floor($, 1).text().includes('下载附件'));
  });

  test('signatures, notices, edit lines', () => {
    const $ = site.page(`t/${MULTI_TID}/`);
    assert.match(floor($, 2).find('.signature').text(), /S1Fun/);
    assert.match(floor($, 12).find('.signature').text(), /S1Next-鹅版/);
    assert.equal(floor($, 6).find('.notice').length, 1);
    assert.match(floor($, 6).find('.notice').text(), /作者被禁止或删除/);
    assert.match(floor($, 13).find('.notice').text(), /隐藏内容/);
    assert.ok(!floor($, 13).text().includes('Bondrewd'));
    assert.match(floor($, 1).find('.edit').text(), /本帖最后由 楼主君 于/);
  });

  test('authors: 楼主 badges on the starter\'s posts, anonymous and deleted accounts marked', () => {
    const $ = site.page(`t/${MULTI_TID}/`);
    const badged = $('article.post').filter((_, e) => $(e).find('.badge.op').length > 0).map((_, e) => $(e).attr('id')).get();
    assert.deepEqual(badged, ['f1', 'f2', 'f9']);
    assert.equal(floor($, 3).find('.author').text(), '匿名');
    assert.ok(floor($, 3).find('.author').hasClass('anon'));
    assert.equal(floor($, 4).find('.author').text(), '身为长者');
    assert.equal(floor($, 4).find('.badge.deleted').length, 1);
  });

  test('inaccessible threads are flagged; entity titles shown decoded, once', () => {
    const gone = site.page(`t/${GONE_TID}/`);
    assert.equal(gone('.flag.gone').length, 1);
    assert.match(gone('.flag.gone').text(), /已无法在论坛访问/);
    assert.equal(site.page(`t/${MULTI_TID}/`).root().find('.flag.gone').length, 0);
    const other = site.page(`t/${OTHER_TID}/`);
    assert.equal(other('h1').text(), '另一个版块 & 标题实体');
    assert.equal(other('title').text(), '另一个版块 & 标题实体 - 楼兰');
  });

  test('boards: readable slugs, threads sorted by last reply, badge for inaccessible threads', () => {
    const $ = site.page('b/waiye/');
    const titles = $('table.threads td.title > a').map((_, a) => $(a).text()).get();
    assert.deepEqual(titles, ['已无法访问的帖子', '分卷引用测试'], 'April before March');
    assert.equal($('table.threads .badge.gone').length, 1);
    assert.ok(site.has('b/game/'));
    const home = site.page('');
    assert.deepEqual(home('table.boards td.title a').map((_, a) => home(a).attr('href')).get(), ['/b/waiye/', '/b/game/']);
  });

  test("thread pages, written by the thread workers, are in the layout of Eleventy's pages", () => {
    const board = readFileSync(join(site.out, 'b/waiye/index.html'), 'utf8');
    const parts = (html: string) => {
      const [head, rest] = [html.slice(0, html.indexOf('<title>')), html.slice(html.indexOf('</title>'))];
      return { head, siteHead: rest.slice(rest.indexOf('<a class="skip"'), rest.indexOf('<main id="main">')), foot: html.slice(html.indexOf('\n</main>')) };
    };
    const pages = htmlFiles(site.out).filter((f) => f.startsWith('t/') && !f.includes('/authors/'));
    assert.ok(pages.some((f) => f.includes('/floors/')) && pages.length > 3, 'thread pages and a floor index');
    for (const f of pages) {
      const html = readFileSync(join(site.out, f), 'utf8');
      assert.deepEqual(parts(html), parts(board), f);
      assert.match(html, /<body class="(thread|floors)-page">/, f);
    }
  });

  test('build-report.json: counts and stage timings', () => {
    const c = site.report.counts;
    assert.equal(c.files, 4);
    assert.equal(c.threads, 3);
    assert.equal(c.posts, 79);
    assert.deepEqual(c.pages, { thread: 6, board: 2, floorIndex: 1, author: 10, authorsIndex: 1, onlyAuthor: 3, other: 4, total: 27 });
    assert.equal(c.quotes.resolved, 3);
    assert.equal(c.quotes.unresolved, 0);
    for (const k of ['read', 'quotes', 'render', 'write'] as const) assert.equal(typeof site.report.timings.threads[k], 'number');
  });
});

describe('fixture site without a smiley folder, under a path prefix', () => {
  let site: Built;
  before(async () => {
    site = await buildTemp('prefix', { input: SITE_FIXTURE, perPage: 20, pathPrefix: '/archive/s1/' });
  });
  after(() => site?.cleanup());

  test('smileys keep their forum URLs; none are copied', () => {
    const $ = site.page(`t/${MULTI_TID}/`);
    assert.equal(floor($, 1).find('img.smiley').attr('src'), `https://static.saraba1st.com/image/smiley/${LOCAL_SMILEY}`);
    assert.ok(!existsSync(join(site.out, 'smileys')));
  });

  test('every own link, script, stylesheet and form carries the prefix', () => {
    for (const p of ['', 'b/waiye/', `t/${MULTI_TID}/`, `t/${MULTI_TID}/3/`, `t/${MULTI_TID}/floors/`, '404.html']) {
      const $ = site.page(p);
      const own = [
        ...$('a[href^="/"]').map((_, a) => $(a).attr('href')).get(),
        ...$('link[href]').map((_, a) => $(a).attr('href')).get(),
        ...$('script[src]').map((_, a) => $(a).attr('src')).get(),
        ...$('form[action]').map((_, a) => $(a).attr('action')).get(),
      ];
      assert.ok(own.length > 3, p);
      for (const href of own) assert.ok(href.startsWith('/archive/s1/'), `${p}: ${href}`);
    }
    const p3 = site.page(`t/${MULTI_TID}/3/`);
    assert.equal(floor(p3, 1510).find('blockquote a.floor-link').attr('href'), `/archive/s1/t/${MULTI_TID}/#f5`);
    assert.equal(site.report.options.pathPrefix, '/archive/s1/');
  });
});
