// Property: for random posts and queries (substrings of the posts, and random strings), the
// hits are exactly the posts whose normalised own text contains every term (recall 100 %,
// no false hit). Also: normalize and normalizeMapped agree, and the plain ranges are NFKC-stable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { nodeFetchFile } from '../../src/search/fetch-node.ts';
import { termGrams } from '../../src/search/grams.ts';
import { normalize, normalizeMapped, parseTerms } from '../../src/search/normalize.ts';
import { search } from '../../src/search/query.ts';
import { IndexWriter } from '../../src/search/writer.ts';
import type { SearchPost } from '../../src/search/format.ts';
import { packPosts, unpackPosts } from '../../src/search/packed.ts';

// Forum-like characters: frequent CJK, kana, Latin both cases, digits, their full-width forms, punctuation, spaces.
const ALPHABET = [...'的一是了我不人在他有这个上们来到时大地为子中你说什么显卡价格段简是一ブルアカーのabcxyzRTX0123459ＡＢｃ０１９，。！？…、 　\n'];
const char = fc.constantFrom(...ALPHABET);
const text = fc.array(char, { minLength: 0, maxLength: 60 }).map((a) => a.join(''));

async function hitsOf(root: string, q: string): Promise<Set<number>> {
  const r = await search(nodeFetchFile(root), { q, limit: 100, order: 'oldest' });
  assert.equal(r.next, null);
  return new Set(r.hits.map((h) => h.floor));
}

function expected(posts: string[], q: string): Set<number> {
  const terms = parseTerms(q);
  if (!terms.some((t) => termGrams(t).length)) return new Set();
  return new Set(posts.flatMap((p, i) => (terms.every((t) => normalize(p).includes(t)) ? [i + 1] : [])));
}

test('hits are exactly the posts containing every term: substrings of posts and random strings', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(text, { minLength: 1, maxLength: 30 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: 12 })), { minLength: 1, maxLength: 6 }),
      fc.array(fc.array(char, { minLength: 2, maxLength: 6 }).map((a) => a.join('')), { maxLength: 3 }),
      async (posts, picks, randoms) => {
        const dir = mkdtempSync(join(tmpdir(), 'loulan-search-prop-'));
        try {
          const root = join(dir, 'index');
          const w = new IndexWriter(root, join(dir, 'tmp'));
          const docs: SearchPost[] = posts.map((t, i) => ({
            floor: i + 1, author: 'a', anonymous: false,
            postedAt: `2023-01-01T00:${String(i).padStart(2, '0')}:00+08:00`, url: `t/1/1/#f${i + 1}`, text: t,
          }));
          w.addThread({ key: 'k', tid: '1', title: 't', board: 'b' }, docs);
          await w.finish();
          const queries = picks.map(([p, start, len]) => {
            const cps = [...posts[p % posts.length]];
            const a = cps.length ? start % cps.length : 0;
            return `"${cps.slice(a, a + len + 1).join('')}"`;
          });
          for (const q of [...queries, ...randoms.map((r) => `"${r}"`)]) {
            assert.deepEqual(await hitsOf(root, q), expected(posts, q), q);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    ),
    { numRuns: 40 },
  );
});

test('a substring of a post is found in it once it has a gram', async () => {
  await fc.assert(
    fc.asyncProperty(text, fc.nat(), fc.nat({ max: 10 }), (t, start, len) => {
      const cps = [...t];
      const a = cps.length ? start % cps.length : 0;
      const [term] = parseTerms(`"${cps.slice(a, a + len + 2).join('')}"`);
      if (term) assert.ok(normalize(t).includes(term), JSON.stringify([t, term]));
    }),
  );
});

test('posts packed for the index writer unpack to the same posts', () => {
  const anyText = fc.oneof(text, fc.string({ unit: 'binary', maxLength: 20 }));
  const post = fc.record({ floor: fc.integer({ min: -1, max: 1e7 }), author: anyText, anonymous: fc.boolean(), postedAt: fc.option(anyText), url: anyText, text: anyText });
  fc.assert(fc.property(fc.array(post, { maxLength: 30 }), (posts: SearchPost[]) => assert.deepEqual(unpackPosts(packPosts(posts)), posts.map((p) => ({ ...p })))));
});

test('normalize and normalizeMapped agree; the map points into the source', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom(...ALPHABET, 'A', 'Ｚ', 'ｶ', 'ﾞ', '\u0301', 'é', 'Σ', 'İ', '①', '㈱', 'ﬁ', '\u00a0', '\t', '😀') }), (s) => {
      const { text: t, map } = normalizeMapped(s);
      assert.equal(normalize(s), t);
      assert.equal(map.length, t.length + 1);
      assert.ok(map.every((m, i) => m >= 0 && m <= s.length && (i === 0 || m >= map[i - 1])));
    }),
  );
});

test('characters copied unchanged by normalize are NFKC-stable and have no case', () => {
  const ranges = [[0x4e00, 0x9fff], [0x3400, 0x4dbf], [0x3041, 0x3096], [0x30a1, 0x30fa], [0x30fc, 0x30fc], [0xac00, 0xd7a3], [0x3001, 0x3029]];
  for (const [a, b] of ranges) {
    for (let c = a; c <= b; c++) {
      const ch = String.fromCharCode(c);
      assert.equal(ch.normalize('NFKC'), ch, c.toString(16));
      assert.equal(ch.toLowerCase(), ch, c.toString(16));
      assert.equal(normalize(ch), ch);
    }
  }
});
