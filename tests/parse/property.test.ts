// Property tests (fast-check): dumps built at random from construct fragments, and byte-level
// mutations of them. Parsing never throws, always prints back the input bytes, and a built
// dump yields exactly one post per post it was built from, with the constructs it was built with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseDump } from '../../src/parse/dump.ts';
import { printDump } from '../../src/parse/print.ts';
import type { DumpFile } from '../../src/types.ts';

const NB = '\u00a0';

// ---- fragments -------------------------------------------------------------------------

/** Characters that make bodies hostile: controls, invisible and line-separator characters, markup. */
const hostileChar = fc.constantFrom('a', 'Z', '0', '9', ' ', NB, '\u3000', '中', '文', '鹅', '😀', '|', '*', '-', '#', '<', '>', '&', '[', ']', '(', ')', '\t', '\0', '\x05', '\x7f', '\u0085', '\u2028', '\u2029', '\ufeff', '\u200b', '\ufffd', '\r');
/** A text line. Its first character is never '#', '*' or '-', so it cannot start a post. */
const textLine = fc
  .tuple(fc.constantFrom('文', 'a', '<', '|', '—', '[', ' ', NB, '以', '提', '﹍', '('), fc.string({ unit: hostileChar, maxLength: 30 }))
  .map(([a, b]) => a + b);

interface Fragment {
  lines: string[];
  /** What the post's fields must show when this fragment is where the rules look for it. */
  expect?: { signature?: string; rating?: number; edited?: string; notice?: string };
}

const plain = (lines: string[]): Fragment => ({ lines });

const middle: fc.Arbitrary<Fragment> = fc.oneof(
  textLine.map((l) => plain([l])),
  fc.constant(plain([''])),
  fc.constant(plain(['-----'])),
  fc.constant(plain(['*****', '文字'])),
  fc.constant(plain(['-----', '', '#### 像作者行', '不是页眉'])),
  fc.constant(plain(['<blockquote>某人 发表于 2023-1-1 10:00', '—— 来自 S1Fun</blockquote>', '回复'])),
  fc.constant(plain(['<img src="https://img.saraba1st.com/forum/202301/01/a.jpg" referrerpolicy="no-referrer">', '', '<strong>a.jpg</strong> (1 KB, 下载次数: 0)', '', '下载附件', '', '2023-1-1 10:00 上传'])),
  fc.constant(plain(['名字.zip', '(2 KB, 下载次数: )', '', '由手机上传'])),
  fc.constant(plain(['以下内容需要积分高于 10 才可浏览'])),
  fc.constant(plain(['参与人数 11' + NB + ' ' + NB + ' 战斗力 -17' + NB + ' 收起理由'])),
  fc.constant(plain(['| 发表于 2020-4-16 19:29 | 只看该作者 |'])),
  fc.constant(plain(['﹍﹍﹍', '', '评分', '', '坏掉的'])),
  fc.constant(plain(['<input name="formhash" type="hidden" value="c9a03bec"/)', '', '<strong>单选投票</strong>, 共有 2 人参与投票', '', `1. ${NB}甲`, '', `2. ${NB}乙`])),
  fc.constant(plain(['某账号，如果您要查看本帖隐藏内容请回复'])),
);

const head: fc.Arbitrary<Fragment> = fc.oneof(
  fc.constant<Fragment>({ lines: [' 本帖最后由 某人 于 2023-1-2 03:04 编辑 '], expect: { edited: '某人' } }),
  fc.constant<Fragment>({ lines: ['本帖最后由 某人 于 2023-01-02 03:04 编辑'], expect: { edited: '某人' } }),
  fc.constant<Fragment>({ lines: ["replyreload += ',' + 42; 本帖最后由 某人 于 2023-1-2 03:04 编辑 "], expect: { edited: '某人' } }),
  fc.constant<Fragment>({ lines: ['.cronclosethread_getbox{border: 1px}', '', '此帖将于2025-12-12 15:39自动关闭'], expect: { notice: 'auto-close' } }),
);

const signature: fc.Arbitrary<Fragment> = fc.oneof(
  fc.constant<Fragment>({ lines: ['—— 来自 [S1Fun](https://s1fun.koalcat.com)'], expect: { signature: 'S1Fun' } }),
  fc.constant<Fragment>({ lines: ['—— 来自 Xiaomi 1, Android 16, [鹅球](https://www.pgyer.com/x) v3.5.99'], expect: { signature: '鹅球' } }),
  fc.constant<Fragment>({ lines: ['—— 來自 Sony 1, Android 12上的 [S1Next-鵝版](https://github.com/ykrank/S1-Next/releases) v2.5.4'], expect: { signature: 'S1Next-鹅版' } }),
  fc.constant<Fragment>({ lines: ['[论坛助手,iPhone](https://stage1st.com/2b//forum.php?mod=viewthread&amp;tid=2029836)'], expect: { signature: '论坛助手' } }),
);

const rating: fc.Arbitrary<Fragment> = fc
  .record({
    gaps: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 })),
    rows: fc.array(fc.tuple(fc.constantFrom('某人', '', 'a b'), fc.integer({ min: -9, max: 9 }), fc.constantFrom('', '好', 'a|b', '.')), { maxLength: 4 }),
    participants: fc.nat(20),
  })
  .map(({ gaps, rows, participants }) => {
    const total = rows.reduce((s, [, n]) => s + n, 0);
    const blank = (n: number) => Array<string>(n).fill('');
    const lines = [
      '﹍﹍﹍', ...blank(gaps[0]), '评分', ...blank(gaps[1]),
      ` 参与人数 ${participants}战斗力 ${total > 0 ? '+' + total : total}`, ...blank(gaps[2]),
      '|昵称|战斗力|理由|', '|----|---|---|',
      ...rows.map(([u, n, r]) => `|${u ? ' ' + u : ''}|${n >= 0 ? ' + ' + n : n}|${r}|`),
      ...blank(gaps[3]), '查看全部评分',
    ];
    return { lines, expect: { rating: total } };
  });

const wholeNotice: fc.Arbitrary<Fragment> = fc.oneof(
  fc.constant<Fragment>({ lines: ['提示: 作者被禁止或删除 内容自动屏蔽'], expect: { notice: 'banned' } }),
  fc.constant<Fragment>({ lines: ['提示: 该帖被管理员或版主屏蔽'], expect: { notice: 'blocked' } }),
);

// ---- posts and files --------------------------------------------------------------------

interface PostPlan {
  floor: number;
  author: string;
  header: string;
  lead: number;
  trail: number;
  body: Fragment[];
  /** Glue the separator to the end of the line before it, as some dumps do (when that line has text). */
  glued: boolean;
}

const authorLine = fc.constantFrom('####  某人  ', '####   匿名', '####   旧号 该用户已被删除 ', '####  无尾随', '####   前导  ', '####  リコ\u3000  ');
const headerForm = fc.constantFrom(
  (n: number) => `##### ${n}#       发表于 2023-1-4 13:05`,
  (n: number) => `##### ${n}#       楼主       发表于 2025-11-12 15:41`,
  (n: number) => `##### ${n}#        ${NB}楼主| 发表于 2023-12-31 09:00`,
  (n: number) => `##### ${n}#        匿名${NB}  发表于 2023-6-13 21:12`,
  (n: number) => `##### ${n}#         楼主| 发表于 2023-3-24 13:56`,
  (n: number) => `##### ${n}#       发表于 2024-2-30 25:61`,
  (n: number) => `##### ${n}#       发表于 昨天`,
);

const body: fc.Arbitrary<Fragment[]> = fc.oneof(
  { weight: 1, arbitrary: wholeNotice.map((f) => [f]) },
  { weight: 1, arbitrary: fc.constant<Fragment[]>([]) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.option(head), fc.array(middle, { maxLength: 6 }), fc.option(signature), fc.option(rating))
      .map(([h, m, s, r]) => [...(h ? [h] : []), ...m, ...(s ? [plain(['']), s] : []), ...(r ? [plain(['']), r] : [])]),
  },
);

const post: fc.Arbitrary<Omit<PostPlan, 'floor'>> = fc.record({
  author: authorLine,
  header: headerForm.map((f) => f(0)),
  lead: fc.integer({ min: 0, max: 4 }),
  trail: fc.integer({ min: 0, max: 7 }),
  body,
  glued: fc.boolean(),
});

interface FilePlan {
  bom: boolean;
  preamble: string[];
  separator: string;
  eol: '\n' | '\r\n';
  finalEol: boolean;
  posts: PostPlan[];
}

const filePlan: fc.Arbitrary<FilePlan> = fc
  .record({
    bom: fc.boolean(),
    preamble: fc.constantFrom<string[]>([], [''], ['', ''], ['> ## **本文件最后更新于2020-02-20 22:08** ', '', '', '']),
    separator: fc.constantFrom('*****', '-----'),
    eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
    finalEol: fc.boolean(),
    posts: fc.array(post, { minLength: 1, maxLength: 6 }),
  })
  .map((f) => ({ ...f, posts: f.posts.map((p, i) => ({ ...p, floor: i + 1, header: p.header.replace('##### 0#', `##### ${i + 1}#`) })) }));

/** The dump's bytes, and which posts got their separator glued to the line before. */
function render(plan: FilePlan): { bytes: Buffer; glued: boolean[] } {
  const lines = [...plan.preamble];
  const glued: boolean[] = [];
  for (const p of plan.posts) {
    const glue = p.glued && lines.length > 0 && lines[lines.length - 1] !== '';
    if (glue) lines[lines.length - 1] += plan.separator;
    else lines.push(plan.separator);
    glued.push(glue);
    lines.push('', p.author, p.header);
    for (let i = 0; i < p.lead; i++) lines.push('');
    for (const f of p.body) lines.push(...f.lines);
    for (let i = 0; i < p.trail; i++) lines.push('');
  }
  const text = lines.join(plan.eol) + (plan.finalEol ? plan.eol : '');
  return { bytes: Buffer.concat([plan.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]), glued };
}

function assertRoundTrip(file: DumpFile, bytes: Buffer): void {
  const printed = printDump(file);
  if (Buffer.compare(printed, bytes) !== 0) assert.fail(`round trip differs\n printed: ${JSON.stringify(printed.toString('latin1'))}\n original: ${JSON.stringify(bytes.toString('latin1'))}`);
}

/** Expectations of the fragment each rule looks at: first, last, last before the rating. */
function checkFields(plan: PostPlan, got: DumpFile['posts'][number]): void {
  const frags = plan.body.filter((f) => !(f.lines.length === 1 && f.lines[0] === ''));
  const first = frags[0]?.expect;
  const last = frags[frags.length - 1]?.expect;
  const beforeRating = last?.rating !== undefined ? frags[frags.length - 2]?.expect : last;
  if (first?.edited) assert.equal(got.edited?.by, first.edited);
  if (first?.notice) assert.ok(got.notices.some((n) => n.kind === first.notice), `notice ${first.notice}`);
  if (last?.rating !== undefined) assert.equal(got.rating?.total, last.rating);
  if (beforeRating?.signature) assert.equal(got.signature?.client, beforeRating.signature);
}

test('built dumps: one post per built post, the built constructs recognised, exact round-trip', () => {
  fc.assert(
    fc.property(filePlan, (plan) => {
      const { bytes, glued } = render(plan);
      const file = parseDump(bytes, 'built.txt');
      assert.equal(file.foreign, null);
      assert.deepEqual(file.posts.map((p) => p.floor), plan.posts.map((p) => p.floor));
      assert.deepEqual(file.posts.map((p) => p.layout.glued === true), glued);
      plan.posts.forEach((p, i) => checkFields(p, file.posts[i]));
      assertRoundTrip(file, bytes);
    }),
    { numRuns: 400 },
  );
});

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.constantFrom(0x00, 0x0a, 0x0d, 0x20, 0x23, 0x2a, 0x2d, 0x7c, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xc3, 0x80, 0xe4), { minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
);

type Mutation = { kind: 'truncate' | 'insert' | 'delete' | 'duplicate'; at: number; bytes?: number[]; length?: number };

function mutate(bytes: Buffer, m: Mutation): Buffer {
  const at = bytes.length ? m.at % (bytes.length + 1) : 0;
  if (m.kind === 'truncate') return bytes.subarray(0, at);
  if (m.kind === 'insert') return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes!), bytes.subarray(at)]);
  if (m.kind === 'delete') return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length!)]);
  return Buffer.concat([bytes.subarray(0, at + m.length!), bytes.subarray(at)]);
}

test('mutated dumps: parsing never throws, round-trips, and post spans tile the file in order', () => {
  fc.assert(
    fc.property(filePlan, fc.array(mutation, { minLength: 1, maxLength: 4 }), (plan, mutations) => {
      const bytes = mutations.reduce(mutate, render(plan).bytes);
      const file = parseDump(bytes, 'mutated.txt');
      assertRoundTrip(file, bytes);
      let next = file.preamble.length + 1;
      for (const p of file.posts) {
        // A glued separator shares its line with the text before it.
        assert.equal(p.source.firstLine, p.layout.glued ? next - 1 : next);
        assert.ok(p.source.lastLine >= p.source.firstLine + 3);
        next = p.source.lastLine + 1;
      }
    }),
    { numRuns: 400 },
  );
});

test('arbitrary strings: parsing never throws and round-trips', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(textLine, fc.constantFrom('', '*****', '-----', '####  x  ', '##### 1#       发表于 2023-1-1 10:00')), { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
      const bytes = Buffer.from(lines.join(eol), 'utf8');
      assertRoundTrip(parseDump(bytes, 'strings.txt'), bytes);
    }),
    { numRuns: 300 },
  );
});
