// Whatever the dump holds, a rendered body is inert: allowlisted tags and attributes only,
// http(s) or same-site URLs only, every external link rel="nofollow ugc noopener noreferrer",
// no image with a referrer policy of its own (the page's no-referrer holds for all of them).
// Checked on generated hostile bodies, the seed and part of the sample corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import { parseDump } from '../../src/parse/dump.ts';
import { renderPost, smileyPath, type RenderContext } from '../../src/render/index.ts';
import { MAX_QUOTE_DEPTH } from '../../src/render/post.ts';
import { dumpText } from '../helpers/dump.ts';

const ctx: RenderContext = { floorHref: (f) => `#f${f}`, smileyUrl: (s) => `../smileys/${smileyPath(s)}` };
const REL = 'nofollow ugc noopener noreferrer';
const TAGS = new Set(['p', 'br', 'a', 'img', 'blockquote', 'strong', 'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'hr', 'time']);
const ATTRS: Record<string, Set<string>> = {
  a: new Set(['href', 'rel', 'class']),
  img: new Set(['src', 'alt', 'title', 'class', 'loading', 'decoding']),
  th: new Set(['scope']),
  time: new Set(['datetime']),
};

/** Throws on the first unsafe construct of a body's HTML. */
function assertInert(html: string, where: string): void {
  const $ = cheerio.load(html, null, false);
  $('*').each((_, el) => {
    const tag = (el as { tagName: string }).tagName;
    assert.ok(TAGS.has(tag), `${where}: tag <${tag}>`);
    const allowed = ATTRS[tag] ?? new Set(['class']);
    for (const name of Object.keys((el as { attribs: Record<string, string> }).attribs)) assert.ok(allowed.has(name), `${where}: <${tag} ${name}>`);
  });
  $('a[href]').each((_, el) => {
    const href = $(el).attr('href')!;
    if (href.startsWith('#f')) return;
    assert.match(href, /^https?:\/\/[^\s"'<>]+$/i, `${where}: href ${href}`);
    assert.equal($(el).attr('rel'), REL, `${where}: rel of ${href}`);
  });
  $('img').each((_, el) => {
    const src = $(el).attr('src') ?? '';
    assert.match(src, /^(?:https?:\/\/|\.\.\/smileys\/)[^\s"'<>]+$/i, `${where}: src ${src}`);
    assert.equal($(el).attr('loading'), 'lazy');
  });
}

function dumpOf(bodies: string[]): string {
  return dumpText(bodies.map((body, i) => ({ floor: i + 1, opening: false, author: '作者', time: '2023-1-1 10:00', body })));
}

const hostile = fc.constantFrom(
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '<iframe src="javascript:alert(1)">',
  '<a href="javascript:alert(1)">x</a>', '<a href="https://e.com/" onclick="alert(1)">y</a>', '[t](javascript:alert(1))',
  '[t](https://e.com/" onmouseover="alert(1))', '[t](&#106;avascript:alert(1))', '[t](data:text/html,x)', '[t](vbscript:x)',
  '<img src="javascript:alert(1)" referrerpolicy="no-referrer">', '<img src="http://data:image/png;base64,AAAA" referrerpolicy="no-referrer">',
  '<img src="https://e.com/a.png&quot; onerror=&quot;alert(1)" referrerpolicy="no-referrer">', '<img src="https://e.com/b.png" referrerpolicy="unsafe-url">', '<blockquote>', '</blockquote>',
  '<blockquote><a href="javascript:alert(1)" target="_blank">x 发表于 2023-1-1 10:00</a>', '<strong>', '</strong>', '<[strong>',
  '"/)', '<hr class="l"/)', 'https://e.com/"><script>', '&lt;script&gt;', '&amp;#x3C;', '\u0000', '\n', '\n\n', ' ', '文字', '[', '](', ')',
  '<img src="https://static.saraba1st.com/image/smiley/face2017/001.png" referrerpolicy="no-referrer">', '⟦尺寸过大图片，请至原链接查看⟧',
);

test('hostile bodies render inert (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.array(hostile, { maxLength: 12 }).map((a) => a.join('')), { minLength: 1, maxLength: 3 }), (bodies) => {
      for (const p of parseDump(dumpOf(bodies), 'hostile.md').posts) assertInert(renderPost(p, ctx), `floor ${p.floor}`);
    }),
    { numRuns: 300 },
  );
});

test('the seed renders inert, with its 15 image placeholders and stage1st smileys', () => {
  const seed = fileURLToPath(new URL('../../seeds/000_93d286e2faad30e7.txt', import.meta.url));
  const posts = parseDump(readFileSync(seed), seed).posts;
  for (const p of posts) assertInert(renderPost(p, ctx), `seed floor ${p.floor}`);
  const first = renderPost(posts[0], ctx);
  assert.equal(first.match(/class="image-placeholder"/g)?.length, 15);
  assert.ok(!first.includes('cronclosethread'), 'the leaked CSS is never shown');
  assert.ok(posts.some((p) => renderPost(p, ctx).includes('../smileys/face2017/')));
});

test('NUL and other C0 controls never reach the page', () => {
  const html = renderPost(parseDump(dumpOf(['a\u0000b\u0008c\u001fd']), 'nul.md').posts[0], ctx);
  assert.equal(html, '<p>abcd</p>');
});

test('quote nesting is capped; the text of deeper quotes stays', () => {
  const body = '<blockquote>'.repeat(5000) + '最深处' + '</blockquote>'.repeat(5000) + '\n之后';
  const html = renderPost(parseDump(dumpOf([body]), 'deep.md').posts[0], ctx);
  let depth = 0;
  let worst = 0;
  for (const m of html.matchAll(/<(\/?)blockquote\b/g)) worst = Math.max(worst, (depth += m[1] ? -1 : 1));
  assert.equal(worst, MAX_QUOTE_DEPTH);
  assert.equal(depth, 0);
  assert.ok(html.includes('最深处') && html.endsWith('<p>之后</p>'));
});

const corpus = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));
// A light sample: the corpus files named after the constructs the renderer must survive.
const SAMPLE = ['2120090-01', '2132781-01', '2154369-01', '2126038-01', '2118163-01', '2145826-01', '2121491-01', '2118032-01', '1979102-01', '2116317-01', '2112416-35', '2155711-01', '2142334-01', '2117525-01', '2119374-01', '2129015-01', '2060079-01'];

test('sample corpus files render inert', { skip: existsSync(corpus) ? false : `sample corpus not found at ${corpus}` }, () => {
  const files: string[] = [];
  (function walk(d: string) {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (SAMPLE.some((s) => e.startsWith(s))) files.push(p);
    }
  })(corpus);
  assert.ok(files.length >= 10, `found ${files.length} sample files`);
  for (const f of files) for (const p of parseDump(readFileSync(f), f).posts) assertInert(renderPost(p, ctx), `${f} floor ${p.floor}`);
});
