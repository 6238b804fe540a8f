// go/: the forum URL parser that the browser runs (public/forum-url.js, imported as is) over
// one fixture per URL form, and landing through the maps the seed build writes: every pid the
// seed's quotes carry lands on the floor its quote links to.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parseDump } from '../../src/parse/dump.ts';
import { ROOT, SEED } from '../helpers/build.ts';
import { buildTemp, type Built } from '../helpers/site.ts';

interface Target {
  tid: string | null;
  page: number | null;
  pid: string | null;
}
interface Landing {
  href: string | null;
  found: boolean;
  reason: 'post' | 'page' | 'thread' | null;
}
type Load = (kind: 'p' | 't', shard: string) => Promise<unknown>;
const { parseForumUrl, land } = (await import(pathToFileURL(join(ROOT, 'public', 'forum-url.js')).href)) as {
  parseForumUrl(input: string): Target | null;
  land(target: Target, load: Load): Promise<Landing>;
};

const FIXTURES: [string, Target | null][] = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'go', 'forum-urls.json'), 'utf8'));

describe('forum URL parser', () => {
  for (const [url, expected] of FIXTURES) test(`${url || '(empty)'} → ${JSON.stringify(expected)}`, () => assert.deepEqual(parseForumUrl(url), expected));
});

describe('landing through the seed site', () => {
  const TID = '2267042';
  let site: Built;
  let load: Load;
  before(async () => {
    site = await buildTemp('go', { input: SEED });
    load = async (kind, shard) => {
      try {
        return JSON.parse(readFileSync(join(site.out, 'go', kind, `${shard}.json`), 'utf8'));
      } catch {
        return null;
      }
    };
  });
  after(() => site?.cleanup());

  const go = async (url: string) => land(parseForumUrl(url)!, load);

  test("every pid of the seed's quotes lands on the floor the quote links to", async () => {
    const $ = site.page(`t/${TID}/`);
    const posts = parseDump(readFileSync(SEED), SEED).posts;
    let checked = 0;
    for (const post of posts) {
      const links = $(`article#f${post.floor} blockquote .quote-head a[href]:not(.quote-author)`).map((_, a) => $(a).attr('href')).get();
      for (const [j, q] of post.quotes.entries()) {
        if (!q.pid || !q.url) continue;
        const href = links[j].startsWith('#') ? `/t/${TID}/${links[j]}` : links[j]; // same-page links are anchors
        assert.deepEqual(await go(q.url), { href, found: true, reason: null }, `#${post.floor} quote ${q.url}`);
        checked++;
      }
    }
    assert.ok(checked >= 5, `pids checked: ${checked}`);
  });

  test('a thread URL lands on the archive page that holds the forum page’s first floor', async () => {
    assert.deepEqual(await go(`https://bbs.saraba1st.com/2b/thread-${TID}-1-1.html`), { href: `/t/${TID}/#f1`, found: true, reason: null });
    assert.deepEqual(await go(`https://stage1st.com/2b/forum.php?mod=viewthread&tid=${TID}&page=2`), { href: `/t/${TID}/#f31`, found: true, reason: null });
    assert.deepEqual(await go(`https://stage1st.com/2b/forum.php?mod=viewthread&tid=${TID}`), { href: `/t/${TID}/`, found: true, reason: null });
  });

  test('what the archive lacks is said, with the thread’s nearest page when it holds the thread', async () => {
    assert.deepEqual(await go(`https://bbs.saraba1st.com/2b/thread-${TID}-9-1.html`), { href: `/t/${TID}/`, found: false, reason: 'page' });
    assert.deepEqual(await go(`https://bbs.saraba1st.com/2b/forum.php?mod=redirect&goto=findpost&pid=1&ptid=${TID}`), { href: `/t/${TID}/`, found: false, reason: 'post' });
    assert.deepEqual(await go('https://bbs.saraba1st.com/2b/thread-1-1-1.html'), { href: null, found: false, reason: 'thread' });
    assert.deepEqual(await go('https://bbs.saraba1st.com/2b/forum.php?mod=redirect&goto=findpost&pid=1'), { href: null, found: false, reason: 'post' });
  });

  test('_redirects hands the forum URL forms to go/', () => {
    const rules = readFileSync(join(site.out, '_redirects'), 'utf8');
    assert.match(rules, /^\/2b\/thread-:tid-:page-:list\.html \/go\/\?tid=:tid&page=:page 302$/m);
    assert.match(rules, /^\/2b\/forum\.php \/go\/ 302$/m);
    assert.ok(site.has('go/'), 'the go page exists');
  });
});
