// Author pages, author links and only-this-author lists on the site fixture (a two-part
// thread whose five rotating names have several author pages at 4 posts a page, an
// anonymous post, a deleted account, threads on two boards): every link of the site lands
// on a page and anchor that exist, author pages hold exactly the author's posts of the
// export, anonymous posts have neither page nor link.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { readArchive } from '../../src/model/thread.ts';
import { exportThread } from '../../src/commands/export.ts';
import { resolveQuotes } from '../../src/model/quotes.ts';
import { authorSlug } from '../../src/site/data/slug.ts';
import { nameKey, nameShard } from '../../src/site/authors/names.ts';
import { MULTI_TID, OP, OTHER_TID, SITE_FIXTURE } from './fixture.ts';
import { buildSite } from '../../src/site/build/build.ts';
import { buildTemp, floor, type Built } from '../helpers/site.ts';

const PER_PAGE = 4;

function htmlFiles(root: string): string[] {
  const out: string[] = [];
  (function walk(dir: string) {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push(relative(root, p));
    }
  })(root);
  return out;
}

/** Every post of the export with an author page: name → count. */
function exportedCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const thread of readArchive(SITE_FIXTURE)) {
    resolveQuotes(thread);
    for (const p of exportThread(thread).posts) if (!p.anonymous) counts.set(p.author, (counts.get(p.author) ?? 0) + 1);
  }
  return counts;
}

describe('author pages', () => {
  let site: Built;
  before(async () => {
    site = await buildTemp('authors', { input: SITE_FIXTURE, perPage: 20, authorPerPage: PER_PAGE, smileys: null });
  });
  after(() => site.cleanup());

  test('every site link lands on an existing page and anchor', () => {
    const ids = new Map<string, Set<string>>();
    const idsOf = (file: string) => {
      let s = ids.get(file);
      if (!s) ids.set(file, (s = new Set(site.page(file).root().find('[id]').map((_, e) => e.attribs.id).get())));
      return s;
    };
    let links = 0;
    for (const file of htmlFiles(site.out)) {
      const $ = site.page(file);
      const hrefs = [...$('a[href]').map((_, a) => $(a).attr('href')).get(), ...$('form[action]').map((_, f) => $(f).attr('action')).get()];
      for (const href of hrefs) {
        // Relative links too ("#f5": a floor of the same page).
        const url = new URL(href, `http://site/${file.split(sep).join('/')}`);
        if (url.host !== 'site') continue;
        const [path, anchor] = [decodeURIComponent(url.pathname), url.hash.slice(1)];
        const target = path.endsWith('/') ? path.slice(1) + 'index.html' : path.slice(1);
        assert.ok(existsSync(join(site.out, target)), `${file}: ${href}`);
        if (anchor) assert.ok(idsOf(target).has(anchor), `${file}: ${href} (no #${anchor})`);
        links++;
      }
    }
    assert.ok(links > 800, `${links} links walked`);
  });

  test('author pages count exactly the posts of the export, and list each of them once', () => {
    const expected = exportedCounts();
    assert.equal(site.report.counts.authors, expected.size);
    for (const [name, count] of expected) {
      const slug = authorSlug(name);
      const first = site.page(`u/${slug}/`);
      assert.equal(first('h1 bdi').first().text(), name);
      assert.deepEqual(first('script[src]').map((_, s) => first(s).attr('src')).get(), ['/site.js'], 'the shell drops the 404 page\'s go.js');
      assert.match(first('.author-meta').text(), new RegExp(`^${count} 条帖子`), name);
      assert.equal(first('.author-posts .floor-list li').length, Math.min(count, PER_PAGE));
      // Numbered pages only when the first page cannot show everything.
      const pages = count > PER_PAGE ? Math.ceil(count / PER_PAGE) : 0;
      let listed = 0;
      for (let n = 2; n <= pages + 1; n++) listed += site.page(`u/${slug}/${n}/`)('.author-posts .floor-list li').length;
      assert.equal(pages ? listed : first('.author-posts .floor-list li').length, count, name);
      assert.ok(!site.has(`u/${slug}/${pages + 2}/`));
    }
  });

  test('numbered pages count from the oldest posts; the first page shows the newest, rel links chain them', () => {
    const slug = authorSlug('阿尔法'); // floors 5, 10, …, 45 and 1505, 1510, …, 1530
    const oldest = site.page(`u/${slug}/2/`);
    assert.deepEqual(oldest('.author-posts .floor-list li > a').map((_, a) => oldest(a).text()).get(), ['#20', '#15', '#10', '#5']);
    assert.equal(oldest('a[rel="next"]').length, 0, 'nothing older than page 2');
    assert.equal(oldest('a[rel="prev"]').first().attr('href'), `/u/${slug}/3/`);
    const first = site.page(`u/${slug}/`);
    assert.deepEqual(first('.author-posts .floor-list li > a').map((_, a) => first(a).text()).get(), ['#1530', '#1525', '#1520', '#1515']);
    const pages = first('nav.pager ol a').map((_, a) => first(a).attr('href')).get();
    const newest = pages[pages.length - 1];
    // The newest numbered page holds the newest posts the first page shows: "older" skips it.
    assert.equal(first('a[rel="next"]').attr('href'), pages[pages.length - 2]);
    assert.equal(site.page(newest.slice(1))('a[rel="prev"]').first().attr('href'), `/u/${slug}/`);
    // Posts in runs by thread: the thread's title and board once, then per post the floor
    // link with anchor, time, first characters.
    const run = first('.author-posts > li');
    assert.equal(run.length, 1, 'four posts of one thread: one run');
    assert.equal(run.find('a.title').attr('href'), `/t/${MULTI_TID}/`);
    assert.equal(run.find('a.board').length, 1);
    assert.ok(run.find('a.board').text().length > 0);
    const e = run.find('.floor-list li').first();
    assert.match(e.find('a').attr('href')!, new RegExp(`^/t/${MULTI_TID}/(\\d+/)?#f1530$`));
    assert.match(e.find('time').text(), /^\d{4}-\d\d-\d\d \d\d:\d\d$/, 'lists show one short time form');
    assert.equal(e.find('bdi').text(), '第1530楼');
  });

  test('the starter page lists the started thread; the deleted account keeps a page with the mark', () => {
    const op = site.page(`u/${authorSlug(OP)}/`);
    assert.ok(op('.started a').map((_, a) => op(a).attr('href')).get().includes(`/t/${MULTI_TID}/`));
    const gone = site.page(`u/${authorSlug('身为长者')}/`);
    assert.equal(gone('h1 .badge.deleted').length, 1);
  });

  test('anonymous posts: no author page, no author link, no only-this-author link, not in the name map', () => {
    const p = site.page(`t/${MULTI_TID}/`);
    const anon = floor(p, 3);
    assert.ok(anon.hasClass('anonymous'));
    assert.equal(anon.find('a.author, a.only-author').length, 0);
    assert.ok(!site.has(`u/${authorSlug('匿名')}/`));
    const shard = JSON.parse(readFileSync(join(site.out, 'u', 'names', nameShard(nameKey('匿名')).toString(16).padStart(2, '0') + '.json'), 'utf8'));
    assert.equal(shard[nameKey('匿名')], undefined);
    // Named posts link both.
    const named = floor(p, 5);
    assert.equal(named.find('a.author').attr('href'), `/u/${authorSlug('阿尔法')}/`);
    assert.equal(named.find('a.only-author').attr('href'), `authors/#u-${authorSlug('阿尔法')}`, 'relative: /t/<key>/authors/ from page 1');
    assert.equal(floor(site.page(`t/${MULTI_TID}/2/`), 30).find('a.only-author').attr('href'), `../authors/#u-${authorSlug('阿尔法')}`);
  });

  test('only this author: one page per thread, every floor of each author under their anchor', () => {
    const $ = site.page(`t/${MULTI_TID}/authors/`);
    const floors = $(`#u-${authorSlug('阿尔法')} + .floor-list li > a`).map((_, a) => $(a).text()).get();
    assert.deepEqual(floors, ['#5', '#10', '#15', '#20', '#25', '#30', '#35', '#40', '#45', '#1505', '#1510', '#1515', '#1520', '#1525', '#1530']);
    assert.equal($(`#u-${authorSlug('匿名')}`).length, 0);
    assert.equal(site.report.counts.pages.onlyAuthor, 3);
  });

  test('quote headers link the quoted name to its page, thread lists link the starter', () => {
    const p = site.page(`t/${MULTI_TID}/`);
    assert.equal(floor(p, 8).find('blockquote a.quote-author').attr('href'), `/u/${authorSlug(OP)}/`);
    const home = site.page('');
    assert.ok(home('td.author a').map((_, a) => home(a).attr('href')).get().includes(`/u/${authorSlug(OP)}/`));
  });

  test('the authors index lists every author, most posts first, with the find box and its name shards', () => {
    const $ = site.page('u/');
    const counts = $('table.authors tbody tr td.num:nth-child(2)').map((_, td) => Number($(td).text())).get();
    assert.equal(counts.length, exportedCounts().size);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
    const form = $('form.find-author');
    assert.equal(form.attr('action'), '/u/');
    const key = nameKey('Bravo');
    const shard = JSON.parse(readFileSync(join(site.out, 'u', 'names', nameShard(key).toString(16).padStart(2, '0') + '.json'), 'utf8'));
    assert.deepEqual(shard[key][0].slice(0, 2), ['Bravo', authorSlug('Bravo')]);
    assert.equal(cheerio.load(readFileSync(join(site.out, 'index.html'), 'utf8'))('a[href="/u/"]').length, 1);
  });
});

test('a thread removed from the archive takes its authors\' pages with it; shared authors lose its posts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-authors-rm-'));
  try {
    const archive = join(dir, 'archive');
    cpSync(SITE_FIXTURE, archive, { recursive: true });
    const build = () => buildSite({ input: archive, out: join(dir, 'out'), cacheDir: join(dir, 'cache'), perPage: 20 });
    await build();
    const only = join(dir, 'out', 'u', authorSlug('游戏人'), 'index.html'); // posts only in the removed thread
    const shared = join(dir, 'out', 'u', authorSlug('路人'), 'index.html'); // one post here, one elsewhere
    assert.ok(existsSync(only));
    assert.match(cheerio.load(readFileSync(shared, 'utf8'))('.author-meta').text(), /^2 条帖子/);
    rmSync(join(archive, '游戏区'), { recursive: true });
    const r = await build();
    assert.ok(!existsSync(only));
    assert.ok(!existsSync(join(dir, 'out', 't', OTHER_TID, 'authors', 'index.html')));
    assert.match(cheerio.load(readFileSync(shared, 'utf8'))('.author-meta').text(), /^1 条帖子/);
    assert.ok(r.cache.filesRemoved >= 2);
    // The authors index counts from the ledger of the last build: as a build from nothing counts.
    await buildSite({ input: archive, out: join(dir, 'cold'), cacheDir: join(dir, 'cold-cache'), perPage: 20 });
    for (const f of ['u/index.html', ...readdirSync(join(dir, 'cold', 'u', 'names')).map((n) => `u/names/${n}`)]) {
      assert.equal(readFileSync(join(dir, 'out', f), 'utf8'), readFileSync(join(dir, 'cold', f), 'utf8'), f);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
