// The inline layer's records (docs/parsing.md P10, P11): quotes, smileys, images; and the
// tokenizer's reading of links, tags and literal text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseDump } from '../../src/parse/dump.ts';
import { decodeEntities } from '../../src/common/text.ts';
import { classifyImage, postTokens, repairQuoteUrl, repairUrl, tokenizeLine, type InlineToken } from '../../src/parse/inline.ts';
import type { DumpFile, Post } from '../../src/types.ts';
import { dumpText } from '../helpers/dump.ts';

const S = 'referrerpolicy="no-referrer"';

/** A one-post-per-body dump in the 2023 layout. */
function dump(...bodies: string[]): DumpFile {
  return parseDump(dumpText(bodies.map((body, i) => ({ floor: i + 1, opening: false, author: `作者${i + 1}`, time: `2023-1-1 10:0${i % 10}`, body }))), 'inline.md');
}
const post = (body: string): Post => dump(body).posts[0];
const tokens = (line: string): InlineToken[] => {
  const out: InlineToken[] = [];
  tokenizeLine(line, out);
  return out;
};
const kinds = (line: string) => tokens(line).map((t) => t.t);

test('Form A quote: author, ISO time, pid/ptid, repaired URL, excerpt with its " ..."', () => {
  const p = post(
    '<blockquote><a href="httphttps://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;pid=59011545&amp;ptid=2110702" target="_blank">赚钱娶老婆 发表于 2022-12-19 20:00</a>\n\n单位一百五十左右人 &amp; 两个阳了 ...</blockquote>\n十天后',
  );
  assert.deepEqual(p.quotes, [
    {
      author: '赚钱娶老婆',
      postedAt: '2022-12-19T20:00:00+08:00',
      pid: '59011545',
      ptid: '2110702',
      excerpt: '单位一百五十左右人 & 两个阳了 ...',
      targetFloor: null,
      url: 'https://bbs.saraba1st.com/2b/forum.php?mod=redirect&goto=findpost&pid=59011545&ptid=2110702',
    },
  ]);
});

test('Form A variants: &amp;amp;, ptid before pid, httphttp://, seconds, leading space, link-only', () => {
  const p = post(
    '<blockquote><a href="httphttp://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;amp;goto=findpost&amp;amp;ptid=1104223&amp;amp;pid=31234567" target="_blank"> xrxtzz 发表于 2021-09-15 22:03:05</a></blockquote>',
  );
  const [q] = p.quotes;
  assert.equal(q.author, 'xrxtzz');
  assert.equal(q.postedAt, '2021-09-15T22:03:05+08:00');
  assert.equal(q.pid, '31234567');
  assert.equal(q.ptid, '1104223');
  assert.equal(q.url, 'http://bbs.saraba1st.com/2b/forum.php?mod=redirect&goto=findpost&ptid=1104223&pid=31234567');
  assert.equal(q.excerpt, '');
  assert.equal(repairQuoteUrl('httphttps://x.com/?a=1&amp;amp;amp;b=2'), 'https://x.com/?a=1&b=2');
});

test('Form B, legacy and other quotes; single-line excerpts; nested quotes in opening order', () => {
  const p = post(
    [
      '<blockquote>会魔法的怪叔叔 发表于 2023-1-5 00:32',
      '郑州现在 ...</blockquote>',
      '<blockquote>引用第13楼幻肢痛于2023-04-08 16:00发表的\u00a0\u00a0:',
      '旧式</blockquote>',
      '<blockquote><a href="httphttps://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;pid=3&amp;ptid=4" target="_blank"> 羽炎赋 发表于 2023-1-16 22:25</a>\u00a0\u00a0本帖最后由 羽炎赋 于 2023-1-16 22:41 编辑\u00a0\u00a0啥火锅 ... </blockquote>有一说一',
      '<blockquote><blockquote>内层 <img src="https://static.saraba1st.com/image/smiley/face2017/001.png" referrerpolicy="no-referrer"></blockquote>外层 [链接](https://example.com/)</blockquote>',
    ].join('\n'),
  );
  assert.deepEqual(
    p.quotes.map((q) => [q.author, q.postedAt, q.pid, q.excerpt]),
    [
      ['会魔法的怪叔叔', '2023-01-05T00:32:00+08:00', null, '郑州现在 ...'],
      ['幻肢痛', '2023-04-08T16:00:00+08:00', null, '旧式'],
      ['羽炎赋', '2023-01-16T22:25:00+08:00', '3', '本帖最后由 羽炎赋 于 2023-1-16 22:41 编辑\u00a0\u00a0啥火锅 ...'],
      [null, null, null, '外层 链接'],
      [null, null, null, '内层'],
    ],
  );
  assert.equal(p.smileys.length, 1, 'smileys inside quotes are records too');
});

test('unbalanced quotes: stray closes ignored and reported, open quotes closed at the end of the post', () => {
  const d = dump('前文</blockquote>后文\n<blockquote>未闭合\n继续', '外野还有专楼呢<[/blockquote>');
  assert.deepEqual(d.posts[0].quotes.map((q) => q.excerpt), ['未闭合\n继续']);
  const codes = d.diagnostics.filter((x) => x.code.includes('quote')).map((x) => [x.code, x.line]);
  assert.deepEqual(codes, [
    ['stray-quote-close', 7],
    ['unclosed-quote', 9],
    ['stray-quote-close', 16],
  ]);
});

test('smileys of every set and S1 host; other hosts are external images', () => {
  const sets: [string, string][] = [
    ['face2017', '001.png'], ['face2017', '009.gif'], ['carton2017', '010.png'], ['face', '91.gif'], ['face', '123.jpg'],
    ['animal2017', '003.png'], ['goose2017', '004.png'], ['bundam2017', '005.png'], ['normal', '006.gif'], ['nq', '007.jpg'],
    ['dym', '008.gif'], ['carton', '009.jpg'], ['zdl', '010.gif'], ['flash', '011.gif'], ['device2017', '012.png'],
    ['animal', '013.gif'], ['goose', 'b12.gif'], ['bundam', '7.png'],
  ];
  const hosts = ['https://static.saraba1st.com', 'http://static.saraba1st.com', 'https://static.stage1st.com', 'http://bbs.saraba1st.com/2b/static'];
  const line = sets.map(([set, file], i) => `<img src="${hosts[i % hosts.length]}/image/smiley/${set}/${file}" ${S}>`).join('') +
    `<img src="http://bbs.stage1st.com/2b/images/post/smile/face/161.jpg" ${S}>` +
    `<img src="https://bbs.sgamer.com/static/image/smiley/mk/a049.gif" ${S}><img src="http://120.27.111.137/static/image/smiley/xiaoxiao/40.gif" ${S}>`;
  const p = post(line);
  assert.deepEqual(
    p.smileys.map((s) => `${s.set}/${s.name}`),
    [...sets.map(([set, file]) => `${set}/${file.replace(/\.\w+$/, '')}`), 'face/161'],
  );
  assert.equal(p.smileys[2].url, 'https://static.stage1st.com/image/smiley/carton2017/010.png');
  assert.deepEqual(p.images.map((i) => i.kind), ['external', 'external']);
});

test('image kinds (P11): attachment, external, decoration, data, placeholders; none.gif and .jpeg debris dropped', () => {
  const p = post(
    [
      `<img src="https://img.saraba1st.com/forum/202307/30/173122a2r6ymyofxn7gziq.jpeg" ${S}>" src="https://static.saraba1st.com/image/common/none.gif" ${S}>`,
      `<img src="https://p.sda1.dev/13/abc.jpg" ${S}><img src="http://wx1.sinaimg.cn/large/abc.jpg" ${S}>`,
      `<img alt="" border="0" class="vm" src="https://static.saraba1st.com/image/filetype/zip.gif" ${S}><img src="https://static.saraba1st.com/image/hrline/1.gif" ${S}>`,
      `<img src="https://i.loli.net/x.png" id="aimg_1234" lazyloadthumb="1" onclick="zoom(this, this.src, 0, 0, 0)" onmouseover="img_onmouseoverfunc(this)"/)尾`,
      `<img src="http://border=0" id="aimg_5" onclick="zoom(this)"/)`,
      `<img src="http://data:image/png;base64,iVBORw0KGgo=" ${S}>`,
      'image',
      '前⟦尺寸过大图片，请至原链接查看⟧后⟦尺寸过大图片，请至原链接查看⟧',
      '<strong>图</strong>⟦尺寸过大图片，请至原链接查看⟧',
      `看图<[img src="https://img.saraba1st.com/2b/other.png" ${S}>]`,
      `<img src="https://static.saraba1st.com/image/common/none.gif" ${S}>`,
    ].join('\n'),
  );
  assert.deepEqual(p.images, [
    { kind: 'attachment', url: 'https://img.saraba1st.com/forum/202307/30/173122a2r6ymyofxn7gziq.jpeg' },
    { kind: 'external', url: 'https://p.sda1.dev/13/abc.jpg' },
    { kind: 'external', url: 'http://wx1.sinaimg.cn/large/abc.jpg' },
    { kind: 'decoration', url: 'https://static.saraba1st.com/image/filetype/zip.gif' },
    { kind: 'decoration', url: 'https://static.saraba1st.com/image/hrline/1.gif' },
    { kind: 'external', url: 'https://i.loli.net/x.png' },
    { kind: 'placeholder', url: null },
    { kind: 'data', url: 'data:image/png;base64,iVBORw0KGgo=' },
    { kind: 'placeholder', url: null },
    { kind: 'placeholder', url: null },
    { kind: 'placeholder', url: null },
    { kind: 'placeholder', url: null },
    { kind: 'external', url: 'https://img.saraba1st.com/2b/other.png' },
  ]);
  assert.equal(classifyImage('javascript:alert(1)')?.kind, 'placeholder');
});

test('attachment caption blocks: their image is counted once', () => {
  const p = post(`<img src="https://img.saraba1st.com/forum/202307/30/a.jpg" ${S}>\n\n<strong>a.jpg</strong> (10 KB, 下载次数: 0)\n\n下载附件\n\n2023-7-30 09:05 上传`);
  assert.equal(p.blocks.filter((b) => b.kind === 'attachment').length, 1);
  assert.deepEqual(p.images, [{ kind: 'attachment', url: 'https://img.saraba1st.com/forum/202307/30/a.jpg' }]);
});

test('tokenizer: tags, "/) ends, <[ merges, <input> and <hr> debris', () => {
  assert.deepEqual(kinds('<strong>粗</strong><hr class="l"/)<input name="formhash" type="hidden" value="c9a03bec"/)尾'), ['strong', 'text', 'unstrong', 'hr', 'text']);
  assert.deepEqual(kinds('<[strong>x</strong>'), ['text', 'strong', 'text', 'unstrong']);
  assert.deepEqual(kinds('新衣服< 9 <div>'), ['text']);
  const link = tokens('<[strong>特别版规</strong>](https://bbs.saraba1st.com/x?a=1&amp;b=2)');
  assert.equal(link.length, 1);
  assert.deepEqual(link[0], { t: 'link', href: 'https://bbs.saraba1st.com/x?a=1&b=2', children: [{ t: 'strong' }, { t: 'text', raw: '特别版规' }, { t: 'unstrong' }] });
});

test('tokenizer: a tag without an end (none before the next "<") is text', () => {
  assert.deepEqual(kinds('a <img src="https://a.example/x.png" TAIL'), ['text', 'url', 'text']);
  assert.deepEqual(kinds('看图<img src="https://img.saraba1st.com/forum/a.jpg" referrerpolicy="no-ref ...</blockquote>尾'), ['text', 'url', 'text', 'unquote', 'text']);
  assert.deepEqual(kinds('<img src="https://e.com/a.png<blockquote>" referrerpolicy="no-referrer">'), ['text', 'url', 'quote', 'text']);
  assert.deepEqual(kinds('<hr class="l" <strong>x</strong>'), ['text', 'strong', 'text', 'unstrong']);
});

test('tokenizer: [text](url) only for http(s), balanced parentheses, balanced brackets', () => {
  const href = (line: string) => tokens(line).filter((t) => t.t === 'link').map((t) => (t as { href: string }).href);
  assert.deepEqual(href('[Polyus](https://en.wikipedia.org/wiki/Polyus_(spacecraft))'), ['https://en.wikipedia.org/wiki/Polyus_(spacecraft)']);
  assert.deepEqual(href('[中国翻訳](C100) [无修正](69P) [x](javascript:alert(1)) [y](//e.com)'), []);
  assert.deepEqual(href('[a] 和 [b](https://e.com/b) [[标签] 标题](https://e.com/c)'), ['https://e.com/b', 'https://e.com/c']);
  assert.deepEqual(href('[这篇教程]([https://x.com/a/](https://x.com/a/)'), ['https://x.com/a/']);
  assert.deepEqual(href('[未闭合](https://e.com/open'), []);
  assert.deepEqual(href('[t](httphttps://e.com/)'), ['https://e.com/']);
});

test('tokenizer: bare URLs, decoded once; not inside words or BBCode parameters', () => {
  const urls = (line: string) => tokens(line).filter((t) => t.t === 'url').map((t) => (t as { href: string }).href);
  assert.deepEqual(urls('https://weibo.com/x#/id=1&amp;_wb=1，好'), ['https://weibo.com/x#/id=1&_wb=1']);
  assert.deepEqual(urls('（https://e.com/x）和 (https://w.org/Foo_(bar)). 结束'), ['https://e.com/x', 'https://w.org/Foo_(bar)']);
  assert.deepEqual(urls('xhttp://a.b [url=https://e.com/u]链[/url] http:// https://e.com/&lt;b&gt;'), ['https://e.com/']);
});

test('Markdown-looking text stays one literal text token', () => {
  for (const line of ['长期处理极端内容（包括儿童**待影像）', '**text**', '#巴以冲突#', '## 标题', '1. 自律能力低', '- 列表', '* 星号', '|昵称|战斗力|', '&gt;层主', '```代码', '~~删~~ __下__ `c`', '-----']) {
    assert.deepEqual(tokens(line), [{ t: 'text', raw: line }], line);
  }
});

test('entities are decoded exactly once', () => {
  assert.equal(decodeEntities('&amp;#xB7; &lt;a&gt; &amp;amp; &quot;&#39;&#x4E2D;'), '&#xB7; <a> &amp; "\'中');
  assert.equal(decodeEntities('a & b &unknown; &#0; &'), 'a & b &unknown; \ufffd &');
});

test('tokenizer: never throws, links and URLs are always http(s)', () => {
  const piece = fc.constantFrom('<', '>', '[', ']', '(', ')', '"', '/', 'http://', 'https://e.com', '<img src="', '<blockquote>', '</blockquote>', '<a href="', '</a>', '<strong>', '</strong>', '"/)', '](', '&amp;', '&lt;', ' ', '发表于', 'javascript:', 'x', '中', '****', '⟦');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
      const walk = (ts: InlineToken[]): void => {
        for (const t of ts) {
          if (t.t === 'url') assert.match(t.href, /^https?:\/\//i);
          if (t.t === 'link') {
            if (t.href !== null) assert.match(t.href, /^https?:\/\//i);
            walk(t.children);
          }
        }
      };
      walk(tokens(parts.join('')));
    }),
    { numRuns: 500 },
  );
});

/** Smileys and images of a token stream, as the renderer sees them. */
function imagesOf(stream: InlineToken[]): { smileys: Post['smileys']; images: Post['images'] } {
  const out = { smileys: [] as Post['smileys'], images: [] as Post['images'] };
  const walk = (ts: InlineToken[]) => {
    for (const t of ts) {
      if (t.t === 'img') t.image.kind === 'smiley' ? out.smileys.push(t.image.smiley) : out.images.push({ kind: t.image.kind, url: t.image.url });
      else if (t.t === 'link') walk(t.children);
      else if (t.t === 'block' && t.block.kind === 'attachment' && t.block.attachment.url !== null) {
        const url = repairUrl(t.block.attachment.url);
        const image = classifyImage(url);
        if (out.images.at(-1)?.url !== url && image && image.kind !== 'smiley') out.images.push({ kind: image.kind, url: image.url });
      }
    }
  };
  walk(stream);
  return out;
}

const corpus = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));

test('corpus: records match the construct counts of corpus/MANIFEST.md, and the renderer\'s token stream', { skip: existsSync(corpus) ? false : `sample corpus not found at ${corpus}` }, () => {
  const files: string[] = [];
  (function walk(d: string) {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.md') && !p.endsWith('MANIFEST.md')) files.push(p);
    }
  })(corpus);
  const sets = new Map<string, number>();
  let truncated = 0;
  let quotes = 0;
  for (const f of files) {
    for (const p of parseDump(readFileSync(f), f).posts) {
      quotes += p.quotes.length;
      // The renderer pairs the n-th quote token with post.quotes[n]: both passes must agree.
      const stream = postTokens(p);
      const opened = stream.flatMap((t) => (t.t === 'quote' ? [t.attr?.author ?? null] : []));
      assert.deepEqual(opened, p.quotes.map((q) => q.author), `${f} floor ${p.floor}`);
      // The records pass reads image-only lines without the tokenizer: same images, same order.
      const seen = imagesOf(stream);
      assert.deepEqual(seen.smileys, p.smileys, `${f} floor ${p.floor}: smileys`);
      assert.deepEqual(seen.images, p.images, `${f} floor ${p.floor}: images`);
      for (const q of p.quotes) if (q.excerpt.endsWith(' ...')) truncated++;
      for (const s of p.smileys) sets.set(s.set, (sets.get(s.set) ?? 0) + 1);
    }
  }
  // MANIFEST.md "Construct coverage": smileys per set, truncated excerpts.
  assert.equal(sets.get('face2017'), 13552);
  assert.equal(sets.get('face'), 342);
  assert.equal(sets.get('carton2017'), 200);
  assert.equal(sets.get('animal2017'), 57);
  assert.equal(sets.get('device2017'), 16);
  assert.equal(sets.get('bundam'), 1);
  assert.equal(truncated, 4561);
  assert.ok(quotes > 10000);
});

// Long runs of unfinished constructs (speed on such lines is the bench's job).
test('tokenizer: long runs of unfinished constructs stay literal text, finished ones each count', () => {
  for (const unit of ['<a ', '<img ', '[x](http', '[[[', '&amp;']) {
    const line = unit.repeat(20000);
    assert.deepEqual(tokens(line), [{ t: 'text', raw: line }], unit);
  }
  const urls = tokens('http://a '.repeat(20000));
  assert.equal(urls.length, 40000);
  assert.deepEqual(urls.slice(-2), [{ t: 'url', raw: 'http://a', href: 'http://a' }, { t: 'text', raw: ' ' }]);
  assert.deepEqual(new Set(kinds('<strong>'.repeat(20000))), new Set(['strong']));
  assert.equal(tokens('<strong>'.repeat(20000)).length, 20000);
});

test('tokenizer: an anchor with tags in its text ends at its </a>', () => {
  assert.deepEqual(tokens('<a href="https://e.com/">x<strong>粗</strong>y</a>尾'), [
    { t: 'link', href: 'https://e.com/', children: [{ t: 'text', raw: 'x' }, { t: 'strong' }, { t: 'text', raw: '粗' }, { t: 'unstrong' }, { t: 'text', raw: 'y' }] },
    { t: 'text', raw: '尾' },
  ]);
});
