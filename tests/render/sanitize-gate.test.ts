// The last gate's shortcut (src/render/sanitize.ts): isFixedPoint passes a body only when
// sanitize-html would return it unchanged, so sanitizeBodies, which returns passed bodies as
// they are, gives exactly what sanitize-html gives for each body alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { join } from 'node:path';
import { listGroups } from '../../src/read/group.ts';
import { readThread } from '../../src/model/thread.ts';
import { parseDump } from '../../src/parse/dump.ts';
import { renderPostUnsanitized, type RenderContext } from '../../src/render/index.ts';
import { REL } from '../../src/render/links.ts';
import { isFixedPoint, sanitizeBodies, sanitizePostHtml } from '../../src/render/sanitize.ts';
import { postText } from '../helpers/dump.ts';
import { NAME_VECTORS, hostileFragment } from '../hostile/vectors.ts';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const IMG = 'loading="lazy" decoding="async"';
const SMILEY = `<img class="smiley" src="https://static.saraba1st.com/image/smiley/face2017/001.png" alt="[face2017/001]" title="[face2017/001]" ${IMG} />`;

/** The renderer's constructs, as sanitize-html writes them: the gate passes them as they are. */
const ACCEPTED: [string, string][] = [
  ['paragraphs, line breaks, rule', '<p>一<br />二</p><hr /><p>三</p>'],
  ['escaped text, raw quotes', `<p>&lt;script&gt; &amp;amp; "双" 'single' \u00a0</p>`],
  ['floor link', '<p><a href="/t/123/2/#f51" class="floor-link">#51</a></p>'],
  ['external link with rel', `<p><a class="quote" href="https://bbs.example/x?a=1&amp;b='2'" rel="${REL}">原帖</a></p>`],
  ['smiley img', `<p>好${SMILEY}</p>`],
  ['image with empty alt', `<p><img class="decoration" src="https://img.example/a.gif" alt="" ${IMG} /></p>`],
  [
    'quote blockquote',
    '<blockquote class="quote"><p class="quote-head"><a href="/u/abc/" class="quote-author"><bdi>甲</bdi></a> <a href="#f2" class="floor-link">' +
      '发表于 <time datetime="2023-01-01T00:00:00+08:00">2023-1-1 00:00</time></a></p><p>引文</p></blockquote><p>回复</p>',
  ],
  [
    'rating table',
    '<table class="rating"><caption>评分：参与人数 1，战斗力 <span class="score pos">+1</span></caption>' +
      '<thead><tr><th scope="col">昵称</th><th scope="col">战斗力</th><th scope="col">理由</th></tr></thead>' +
      '<tbody><tr class="pos"><td>乙</td><td class="score pos">+1</td><td>好</td></tr></tbody></table>',
  ],
  ['time', '<p class="edit">本帖最后由 甲 于 <time datetime="2023-01-02T03:04:00+08:00">2023-1-2 03:04</time> 编辑</p>'],
  ['attachment figure', `<figure class="attachment"><img class="image" src="https://img.example/a.jpg" alt="a.jpg" ${IMG} /><figcaption><span class="attachment-name">a.jpg</span></figcaption></figure>`],
  ['strong and poll div', '<div class="poll"><p><strong>粗</strong></p></div>'],
];

/** One construct each that sanitize-html rewrites, so the gate must not pass it. */
const REJECTED: [string, string][] = [
  ['comment', '<p>a<!-- x --></p>'],
  ['doctype', '<!doctype html><p>a</p>'],
  ['CDATA', '<p><![CDATA[x]]></p>'],
  ['processing instruction', '<?xml version="1.0"?><p>a</p>'],
  ['unknown tag', '<p><em>a</em></p>'],
  ['script', '<p><script>alert(1)</script></p>'],
  ['upper-case tag', '<P>a</P>'],
  ['event attribute', '<p onclick="alert(1)">a</p>'],
  ['attribute not allowed on the tag', '<span scope="row">a</span>'],
  ['javascript: href', `<a href="javascript:alert(1)" rel="${REL}">x</a>`],
  ['entity-hidden scheme', `<a href="jav&#x09;ascript:alert(1)" rel="${REL}">x</a>`],
  ['blank in a URL', '<a href="java script:alert(1)" class="floor-link">x</a>'],
  ['protocol-relative src', `<img src="//evil.example/x.png" ${IMG} />`],
  ['&nbsp;', '<p>a&nbsp;b</p>'],
  ['&#39;', '<p>it&#39;s</p>'],
  ['&quot; in text', '<p>&quot;a&quot;</p>'],
  ['bare &', '<p>a & b</p>'],
  ['raw > in text', '<p>a > b</p>'],
  ['p containing div', '<p>a<div>b</div></p>'],
  ['p containing blockquote', '<p>a<blockquote class="quote">b</blockquote></p>'],
  ['unbalanced close', '<p>a</span></p>'],
  ['unclosed element', '<p>a'],
  ['stray </p>', 'a</p>'],
  ['void tag written <br>', '<p>a<br>b</p>'],
  ['void tag closed', '<p>a<br /></br>b</p>'],
  ['single-quoted attribute', "<p class='x'>a</p>"],
  ['unquoted attribute', '<p class=x>a</p>'],
  ['empty class', '<p class="">a</p>'],
  ['duplicate attribute', '<p class="a" class="b">x</p>'],
  ['floor link with class before href', '<a class="floor-link" href="#f1">x</a>'],
  ['relative link without class', '<a href="#f1">x</a>'],
  ['external link without rel', '<a href="https://e.example/">x</a>'],
  ['external link with another rel', '<a href="https://e.example/" rel="nofollow">x</a>'],
  ['img with a referrer policy of its own', '<img src="https://e.example/x.png" loading="lazy" decoding="async" referrerpolicy="unsafe-url" />'],
  ['img without decoding', '<img src="https://e.example/x.png" loading="lazy" />'],
  ['img loading eagerly', '<img src="https://e.example/x.png" loading="eager" decoding="async" />'],
  ['td opening in td', '<table><tbody><tr><td>a<td>b</td></td></tr></tbody></table>'],
];

for (const [name, html] of ACCEPTED) {
  test(`passes: ${name}`, () => {
    assert.equal(sanitizePostHtml(html), html, 'not sanitize-html output: the case itself is wrong');
    assert.equal(isFixedPoint(html), true);
  });
}

for (const [name, html] of REJECTED) {
  test(`rejects: ${name}`, () => {
    assert.notEqual(sanitizePostHtml(html), html, 'sanitize-html keeps it: the case itself is wrong');
    assert.equal(isFixedPoint(html), false);
  });
}

test("every pair of allowed tags: passed exactly when htmlparser2's implied end tags leave it alone", () => {
  const el: Record<string, string> = {
    a: '<a href="#f1" class="floor-link">x</a>',
    img: `<img src="https://e.example/x.png" ${IMG} />`,
    br: '<br />',
    hr: '<hr />',
  };
  const tags = ['p', 'br', 'a', 'img', 'blockquote', 'strong', 'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'hr', 'time', 'bdi'];
  const of = (t: string) => el[t] ?? `<${t}>x</${t}>`;
  let reshaped = 0;
  for (const outer of tags) {
    if (el[outer] && outer !== 'a') continue;
    const [open, close] = outer === 'a' ? ['<a href="#f1" class="floor-link">', '</a>'] : [`<${outer}>`, `</${outer}>`];
    for (const inner of tags) {
      const html = `${open}${of(inner)}${close}`;
      const kept = sanitizePostHtml(html) === html;
      if (!kept) reshaped++;
      assert.equal(isFixedPoint(html), kept, html);
    }
  }
  assert.ok(reshaped > 0);
});

/** Pieces that make HTML-ish soup: tags, attributes, entities, URLs, the parser's special forms. */
const SOUP = [
  '<', '>', '</', ' />', '/>', '"', "'", '=', ' ', '\t', '\n', '\u0000', '\u00a0', '&', ';', '#', 'x', '中', '\ud800',
  '&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '&#39;', '&#x3c;', '&amp', '&AMP;', '&lt', '&#0;',
  'p', 'br', 'a', 'img', 'blockquote', 'strong', 'table', 'tr', 'td', 'th', 'thead', 'tbody', 'span', 'div', 'hr', 'time', 'bdi', 'figure', 'figcaption', 'caption',
  'P', 'A', 'em', 'script', 'style', 'textarea', 'title', 'svg', 'math', 'xmp', 'option',
  '<p>', '</p>', '<br />', '<br>', '<hr />', '<span class="x">', '</span>', '<div class="poll">', '</div>', '<blockquote class="quote">', '</blockquote>', '<strong>', '</strong>',
  '<td>', '</td>', '<tr>', '</tr>', '<th scope="col">', '<table class="rating">', '</table>', '<bdi>', '</bdi>', '<time datetime="2023">', '</time>',
  ' class="', ' href="', ' rel="', ' src="', ' alt="', ' title="', ' scope="', ' datetime="', ' onclick="', ' style="', ' loading="lazy"', ' decoding="async"', ' referrerpolicy="no-referrer"',
  ` rel="${REL}"`, REL, '<a href="#f1" class="floor-link">', `<a href="https://e.example/" rel="${REL}">`, `<a class="x" href="https://e.example/?a=1&amp;b=2" rel="${REL}">`, '</a>',
  '<a href="', '<img src="', SMILEY, `<img src="x.png" alt="" ${IMG} />`,
  'javascript:', 'JaVaScRiPt:', 'jav&#x09;ascript:', 'data:', 'http://', 'HTTPS://', 'https:', 'mailto:', '//', '\\', '/\\', '#f1', '/t/1/', '../s/',
  '<!--', '-->', '<!doctype html>', '<![CDATA[', ']]>', '<?x', '?>',
];
const soup = fc.array(fc.constantFrom(...SOUP), { maxLength: 30 }).map((a) => a.join(''));

const ATTRS = [
  ' class="c"', ' class=""', ` rel="${REL}"`, ' rel="nofollow"', ' href="#f2"', ' href="/t/1/#f2"', ' href="https://e.example/a?b=1&amp;c=&quot;"', ' href="javascript:x"', ' href="//e.example"',
  ' src="https://e.example/x.png"', ' src="s/1.png"', ' src="data:x"', ' alt=""', ' alt="&lt;x&gt;"', ' title="t\'"', ' loading="lazy"', ' decoding="async"', ' referrerpolicy="no-referrer"',
  ' scope="col"', ' datetime="2023-01-01"', ' onclick="x"', " class='c'", ' class=c', ' CLASS="c"',
];
const TEXT = ['x', '中文', ' ', '&amp;', '&lt;', '&gt;', '"', "'", '&quot;', '&#39;', '&nbsp;', '&', '>', '\u00a0', '\n', '\u0000'];
const TAGS = ['p', 'a', 'blockquote', 'strong', 'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'time', 'bdi', 'em'];
const VOIDS = ['br', 'img', 'hr'];
/** Well-formed trees of (mostly) allowed tags and attributes: near misses of what passes. */
const tree = fc.letrec<{ node: string; nodes: string }>((tie) => ({
  node: fc.oneof(
    { weight: 3, arbitrary: fc.array(fc.constantFrom(...TEXT), { maxLength: 4 }).map((a) => a.join('')) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...VOIDS), fc.array(fc.constantFrom(...ATTRS), { maxLength: 5 }), fc.constantFrom(' />', '>', '/>')).map(([t, a, end]) => `<${t}${a.join('')}${end}`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...TAGS), fc.array(fc.constantFrom(...ATTRS), { maxLength: 4 }), tie('nodes'), fc.boolean())
        .map(([t, a, inner, closed]) => `<${t}${a.join('')}>${inner}${closed ? `</${t}>` : ''}`),
    },
  ),
  nodes: fc.array(tie('node'), { maxLength: 4, depthIdentifier: 'tree' }).map((a) => a.join('')),
})).nodes;

/** What sanitize-html gives each body alone. */
const each = (bodies: string[]) => bodies.map((h) => sanitizePostHtml(h));

test('sanitizeBodies equals sanitize-html per body: HTML-ish soup and near-canonical trees (fast-check)', () => {
  let passed = 0;
  fc.assert(
    fc.property(fc.array(fc.oneof(soup, tree), { minLength: 1, maxLength: 6 }), (bodies) => {
      const { bodies: out, sanitized } = sanitizeBodies(bodies);
      assert.deepEqual(out, each(bodies));
      assert.equal(sanitized, bodies.filter((h) => !isFixedPoint(h)).length);
      passed += bodies.length - sanitized;
    }),
    { numRuns: 1500 },
  );
  assert.ok(passed > 0, 'the generators never made a body the gate passes');
});

// Random hostile posts through the renderer (the dumps of tests/hostile/render-property.test.ts).
const fragment = hostileFragment(soup);
const separator = (l: string) => (/^#{4,}/.test(l) || /^(\*{5}|-{5})$/.test(l) ? 'x' + l : l);
const dump = fc.array(fc.tuple(fc.constantFrom(...NAME_VECTORS, '甲', 'b'), fc.array(fragment, { maxLength: 6 })), { minLength: 1, maxLength: 6 }).map(
  (posts) =>
    '\n' +
    posts
      .map(([author, frags], i) => postText({ floor: i + 1, author: author.replace(/[\n\r]/g, ''), time: `2023-1-${1 + i} 10:00`, body: frags.flatMap((f) => f.replace(/\r/g, '').split('\n')).map(separator) }))
      .join(''),
);
const ctx: RenderContext = {
  floorHref: (f) => (f % 2 ? `#f${f}` : `/t/2/2/#f${f}`),
  authorHref: (name) => (name.length % 2 ? `/u/${encodeURIComponent(name)}/` : null),
  smileyUrl: (s) => s.url,
};

test('the renderer on hostile dumps writes what sanitize-html writes: every body passes the gate as it is (fast-check)', () => {
  fc.assert(
    fc.property(dump, (text) => {
      const raw = parseDump(text, 'gate.md').posts.map((p) => renderPostUnsanitized(p, ctx));
      assert.deepEqual(sanitizeBodies(raw), { bodies: each(raw), sanitized: 0 });
    }),
    { numRuns: 300 },
  );
});

test('the renderer on the fixture archives writes what sanitize-html writes', () => {
  const failed: string[] = [];
  let posts = 0;
  const dirs = ['render', 'hostile', 'messy', 'archive'].map((d) => join(FIXTURES, d));
  for (const group of listGroups(dirs).groups) {
    let thread;
    try {
      thread = readThread(group);
    } catch {
      continue;
    }
    for (const p of thread.posts) {
      const html = renderPostUnsanitized(p, ctx);
      posts++;
      if (!isFixedPoint(html) || sanitizePostHtml(html) !== html) failed.push(`${p.source.file} #${p.floor}: ${html}`);
    }
  }
  assert.ok(posts > 100, `only ${posts} posts`);
  assert.deepEqual(failed, []);
});
