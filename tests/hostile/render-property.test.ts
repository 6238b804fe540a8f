// Property tests (fast-check): dump text assembled from hostile fragments → parseDump →
// renderPost. Rendering never throws, emits only allowlisted elements and attributes
// (checked on a browser-grade parse of the output, parse5), only safe URLs, and every post
// of the input shows up with its own text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { parseDump } from '../../src/parse/dump.ts';
import { renderPost, renderPostUnsanitized, sanitizePostHtml } from '../../src/render/index.ts';
import { sanitizeBodies } from '../../src/render/sanitize.ts';
import { isSafeUrl } from '../helpers/audit.ts';
import { postText } from '../helpers/dump.ts';
import { BODY_VECTORS, NAME_VECTORS, hostileFragment } from './vectors.ts';

/**
 * What post HTML may contain. This list is the contract with src/render/sanitize.ts: a new
 * tag or attribute there must be added here on purpose.
 */
const ALLOWED: Record<string, string[]> = {
  p: ['class'],
  br: [],
  a: ['href', 'rel', 'class'],
  img: ['src', 'alt', 'title', 'class', 'loading', 'decoding'],
  blockquote: ['class'],
  strong: [],
  figure: ['class'],
  figcaption: [],
  table: ['class'],
  caption: [],
  thead: [],
  tbody: [],
  tr: ['class'],
  th: ['scope'],
  td: ['class'],
  span: ['class'],
  div: ['class'],
  hr: [],
  time: ['datetime'],
};
const REL = 'nofollow ugc noopener noreferrer';

/** Pieces that make dangerous soup when concatenated. */
const SOUP = [
  '<', '>', '</', '/>', '"/)', '<[', '"', "'", '`', '=', ' ', '\t', '\u00a0', '&', '&amp;', '&lt;', '&gt;', '&quot;', '&#', '&#x', ';', ':', '(', ')', '[', ']', '](', '#', '*', '**',
  'img', 'img src=', '<img src="', '<img src=x ', 'blockquote', '<blockquote>', '</blockquote>', '<strong>', '</strong>', 'a href="', '<a href="', '</a>', 'script', '<script>', 'svg', 'onerror=', 'onload=', 'onmouseover=', 'style=',
  'javascript:', 'JaVaScRiPt:', 'jav&#x09;ascript:', 'data:', 'vbscript:', 'http://', 'https://', 'httphttps://', 'httphttp://', 'http://data:', '//', 'alert(1)', 'x',
  'https://static.saraba1st.com/image/smiley/face2017/001.png', 'https://img.saraba1st.com/forum/202301/01/a.jpg', ' referrerpolicy="no-referrer">',
  ' 发表于 2023-1-1 00:00', '\u202e', '\u0000', '\u2028', '{{7*7}}', '下载附件', '﹍﹍﹍', '|',
];

const safeLine = (l: string) => (/^#{4,}/.test(l) || /^(\*{5}|-{5})$/.test(l) ? 'x' + l : l);
const soup = fc.array(fc.constantFrom(...SOUP), { minLength: 1, maxLength: 24 }).map((a) => a.join(''));
const fragment = hostileFragment(soup);
const name = fc.oneof(fc.constantFrom(...NAME_VECTORS), soup.map((s) => s.replace(/[\n\r]/g, '')));

interface GenPost {
  author: string;
  fragments: string[];
  markerAt: number;
}
const post = fc.record({ author: name, fragments: fc.array(fragment, { minLength: 0, maxLength: 6 }), markerAt: fc.nat() });

const marker = (i: number) => `MARKER${i}Z`;

function dumpOf(posts: GenPost[]): string {
  return (
    '\n' +
    posts
      .map((p, i) => {
        const lines = p.fragments.flatMap((f) => f.replace(/\r/g, '').split('\n')).map(safeLine);
        lines.splice(p.markerAt % (lines.length + 1), 0, marker(i));
        return postText({ floor: i + 1, author: p.author.replace(/\n/g, ''), time: `2023-1-${1 + (i % 28)} 10:${String(i % 60).padStart(2, '0')}`, body: lines });
      })
      .join('')
  );
}

const ctx = { floorHref: (f: number) => (f % 2 ? `#f${f}` : `/t/2/2/#f${f}`), smileyUrl: (s: { url: string }) => s.url };

/** Problems of one rendered post, on the tree a browser would build (parse5). */
function allowlistProblems(html: string): string[] {
  const $ = cheerio.load(`<!doctype html><html><body><div id="__root">${html}</div></body></html>`);
  const out: string[] = [];
  $('#__root *').each((_, el: any) => {
    const tag = String(el.tagName).toLowerCase();
    const allowed = ALLOWED[tag];
    if (!allowed) return void out.push(`element <${tag}>`);
    for (const [k, v] of Object.entries<string>(el.attribs ?? {})) {
      if (!allowed.includes(k)) out.push(`attribute ${k} on <${tag}>`);
      if ((k === 'href' || k === 'src') && !isSafeUrl(v)) out.push(`${k}="${v}" on <${tag}>`);
      if (k === 'href' && /^(?:https?:)?\/\//i.test(v) && el.attribs.rel !== REL) out.push(`external <a href="${v}"> rel="${el.attribs.rel}"`);
      if (k === 'src' && /^(?:https?:)?\/\//i.test(v) && el.attribs.loading !== 'lazy') out.push(`remote <img src="${v}"> without loading="lazy"`);
    }
  });
  // Whatever the browser builds must be what the text says: no element-looking text turned into markup later.
  if ($('#__root').find('script,style,iframe,svg,math,template,noscript,textarea,xmp,object,embed,form,input,base,meta,link').length) out.push('dangerous element in tree');
  return out;
}

test('the allowlist check itself catches what it must', () => {
  const bad = [
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="https://e.example/">no rel</a>',
    '<img src="https://e.example/x.png" referrerpolicy="no-referrer">',
    '<p style="color:red">x</p>',
    '<svg><script>alert(1)</script></svg>',
    '<p>x</p><style>*{}</style>',
    '<blockquote cite="javascript:alert(1)">x</blockquote>',
    '<p><a href="#f1" onclick="x">x</a></p>',
    '<table><tr><td><form><input autofocus onfocus=alert(1)></form></td></tr></table>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  ];
  for (const h of bad) assert.notDeepEqual(allowlistProblems(h), [], h);
  assert.deepEqual(allowlistProblems('<p>ok <a href="#f2" class="floor-link">#2</a> <a href="https://e.example/" rel="nofollow ugc noopener noreferrer">e</a></p>'), []);
});

describe('renderPost on hostile dumps (fast-check)', () => {
  test('never throws; only allowlisted tags, attributes and URLs; every post shows its text', async () => {
    fc.assert(
      fc.property(fc.array(post, { minLength: 1, maxLength: 5 }), (posts) => {
        const text = dumpOf(posts);
        const d = parseDump(text, 'prop.md');
        assert.equal(d.posts.length, posts.length, 'parseDump lost or invented posts');
        for (const [i, p] of d.posts.entries()) {
          const html = renderPost(p, ctx);
          assert.equal(typeof html, 'string');
          assert.deepEqual(allowlistProblems(html), [], `post ${i}:\n${html}`);
          const shown = cheerio.load(html).text();
          assert.ok(shown.includes(marker(i)), `post ${i}'s text is missing from its HTML:\n${html}`);
          for (let j = 0; j < posts.length; j++) if (j !== i) assert.ok(!shown.includes(marker(j)), `post ${j}'s text leaked into post ${i}`);
        }
      }),
      { numRuns: Number(process.env.LOULAN_PROPERTY_RUNS ?? 200), seed: process.env.LOULAN_PROPERTY_SEED ? Number(process.env.LOULAN_PROPERTY_SEED) : undefined },
    );
  });

  test('every fixed hostile vector alone renders safely', async () => {
    const problems: string[] = [];
    for (const [i, v] of BODY_VECTORS.entries()) {
      const d = parseDump(dumpOf([{ author: NAME_VECTORS[i % NAME_VECTORS.length], fragments: [v], markerAt: 0 }]), 'one.md');
      const html = renderPost(d.posts[0], ctx);
      for (const p of allowlistProblems(html)) problems.push(`${JSON.stringify(v)} → ${p}`);
    }
    assert.deepEqual(problems, []);
  });

  test("the site's page-level sanitizing (sanitizeBodies) gives each post exactly its own sanitized HTML", async () => {
    fc.assert(
      fc.property(fc.array(post, { minLength: 1, maxLength: 6 }), (posts) => {
        const d = parseDump(dumpOf(posts), 'page.md');
        const each = d.posts.map((p) => renderPost(p, ctx));
        const paged = sanitizeBodies(d.posts.map((p) => renderPostUnsanitized(p, ctx))).bodies;
        assert.deepEqual(paged, each, 'a post on a page differs from the post sanitized alone');
      }),
      { numRuns: 150 },
    );
    // Unbalanced raw bodies (a renderer bug) must not swallow or reach into their neighbours.
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'];
    const raw = [`<p>${words[0]} <a href="https://e.example/">open`, `<blockquote><p>${words[1]}`, `</blockquote></p><p>${words[2]}</p>`, `<p>${words[3]} <img src=x onerror=alert(1)></p>`, `<textarea><p>${words[4]}</p>`, `<p>${words[5]}</p>`];
    const out = sanitizeBodies(raw).bodies;
    assert.equal(out.length, raw.length);
    for (const [i, h] of out.entries()) {
      assert.deepEqual(allowlistProblems(h), [], h);
      const text = cheerio.load(h).text();
      for (const [j, w] of words.entries()) if (j !== i) assert.ok(!text.includes(w), `body ${i} holds the text of body ${j}: ${h}`);
    }
  });

  test('the sanitizer alone (the last gate) neutralizes every vector given as raw HTML', async () => {
    const problems: string[] = [];
    const raw = [...BODY_VECTORS, '<a href="/\\evil.example/">x</a>', '<a href=" //evil.example">x</a>', '<a href="\t//evil.example">x</a>', '<img src="//evil.example/x.png">'];
    for (const v of raw) for (const p of allowlistProblems(sanitizePostHtml(v))) problems.push(`${JSON.stringify(v)} → ${p}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(soup, fc.constantFrom(...BODY_VECTORS)), { maxLength: 8 }), (parts) => {
        assert.deepEqual(allowlistProblems(sanitizePostHtml(parts.join(''))), []);
      }),
      { numRuns: 300 },
    );
    assert.deepEqual(problems, []);
  });

  test('an <img without its end (> or "/)) does not swallow the rest of the line', async () => {
    const lost: string[] = [];
    for (const body of [
      'a <img src="https://a.example/x.png" TAIL1',
      'a <img src=x TAIL2',
      'a <[img src="https://a.example/x.png TAIL3',
      '<blockquote>甲 发表于 2023-1-1 00:00\n看图<img src="https://img.saraba1st.com/forum/202301/01/a.jpg" referrerpolicy="no-ref ...</blockquote>TAIL4',
    ]) {
      const d = parseDump(dumpOf([{ author: 'a', fragments: [body], markerAt: 0 }]), 'img.md');
      const html = renderPost(d.posts[0], ctx);
      const $ = cheerio.load(html);
      const tail = /TAIL\d/.exec(body)![0];
      if (!$.text().includes(tail)) lost.push(`${JSON.stringify(body)} → ${html}`);
      else if (tail === 'TAIL4' && $('blockquote').text().includes(tail)) lost.push(`reply text inside the quote: ${html}`);
    }
    assert.deepEqual(lost, []);
  });
});
