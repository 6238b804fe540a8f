// Quotes between threads of the archive: a quote whose ptid names another thread links to
// that thread's floor with its title in the header, and the quoted post's reply list names
// the quoting thread; a quote of a thread the archive lacks keeps its forum link. A rebuild
// of the unchanged archive keeps every page; a grown quoting thread rewrites only its pages.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { buildSite } from '../../src/site/build/build.ts';
import { dumpText, quoteA } from '../helpers/dump.ts';

describe('quotes between threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-cross-'));
  const archive = join(dir, 'archive');
  const out = join(dir, 'out');
  const build = () => buildSite({ input: archive, out, cacheDir: join(dir, 'cache'), perPage: 2 });
  const page = (p: string) => cheerio.load(readFileSync(join(out, p, 'index.html'), 'utf8'));
  const old = (extra: string[] = []) =>
    dumpText([
      { floor: 1, author: '甲', time: '2023-3-1 10:00', body: '旧楼开张' },
      { floor: 2, author: '乙', time: '2023-3-1 10:05', body: '旧楼的名言' },
      { floor: 3, author: '丙', time: '2023-3-1 10:07', body: '路过' },
      ...extra.map((body, n) => ({ floor: 4 + n, author: '丙', time: `2023-3-2 1${n}:00`, body })),
    ]);
  const write = (tid: number, title: string, text: string) => writeFileSync(join(archive, '外野', `${tid}-01[${title}].md`), text);
  let first: Awaited<ReturnType<typeof build>>;
  before(async () => {
    mkdirSync(join(archive, '外野'), { recursive: true });
    write(400, '旧楼', old());
    write(500, '新楼', dumpText([
      { floor: 1, author: '丁', time: '2023-4-1 09:00', body: '新楼开张' },
      { floor: 2, author: '戊', time: '2023-4-1 09:05', body: '随便说说' },
      { floor: 3, author: '己', time: '2023-4-1 09:09', body: quoteA('乙', '2023-3-1 10:05', '旧楼的名言', 9002, 400) + '\n说得好' },
      { floor: 4, author: '己', time: '2023-4-1 09:10', body: quoteA('庚', '2022-1-1 08:00', '别处的话', 9003, 300) + '\n不在存档里' },
    ]));
    first = await build();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the quote header links the floor in the other thread and names its title', () => {
    assert.equal(first.counts.quotes.acrossThreads, 1);
    const $ = page('t/500/2');
    const head = $('article#f3 .quote-head');
    assert.equal(head.find('a.floor-link').attr('href'), '/t/400/#f2');
    assert.match(head.text(), /发表于 .*（旧楼）/);
  });

  test("the quoted post's reply list names the quoting thread and floor", () => {
    const $ = page('t/400');
    const back = $('article#f2 .post-replies a').map((_, a) => [[$(a).text(), $(a).attr('href')]]).get();
    assert.deepEqual(back, [['新楼 #3', '/t/500/2/#f3']]);
  });

  test('a quote of a thread the archive lacks keeps its link to the forum', () => {
    const head = page('t/500/2')('article#f4 .quote-head a:not(.quote-author)');
    assert.match(head.attr('href')!, /^https:\/\/bbs\.saraba1st\.com\/.*pid=9003/);
    assert.match(head.attr('rel')!, /nofollow/);
  });

  test('a rebuild of the unchanged archive keeps every page; floors added to the quoted thread rewrite only its pages', async () => {
    const pages = ['t/400/index.html', 't/400/2/index.html', 't/500/index.html', 't/500/2/index.html'].map((p) => join(out, p));
    const mtimes = () => pages.map((p) => statSync(p).mtimeMs);
    const before = mtimes();
    const again = await build();
    assert.equal(again.cache.threadsBuilt, 0);
    assert.deepEqual(mtimes(), before);
    write(400, '旧楼', old(['新的一楼']));
    const grown = await build();
    assert.equal(grown.counts.quotes.acrossThreads, 1);
    const after = mtimes();
    assert.deepEqual([after[2], after[3]], [before[2], before[3]], 'the quoting thread is untouched: its link did not move');
    assert.equal(page('t/500/2')('article#f3 .quote-head a.floor-link').attr('href'), '/t/400/#f2');
  });
});
