// A small multi-page archive for the reader-walk tests: one long thread whose quotes point
// across pages, a thread in two parts (folder), and a short thread on another board.
// Written into a temp dir by the tests; the quote targets are known here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { dumpText, floorTime, quoteA, quoteB, type PostSpec } from '../helpers/dump.ts';

export const LONG_TID = 1000001;
export const PARTS_TID = 1000002;
export const SHORT_TID = 1000003;
/** Every post construct once, for the accessibility check. */
export const CONSTRUCTS_TID = 1000004;
export const LONG_FLOORS = 130;

const NAMES = ['阿尔法', 'Bravo', '查理', 'Delta', '回声', 'Foxtrot'];
const author = (f: number) => (f === 1 ? '楼主君' : NAMES[f % NAMES.length]);
const excerpt = (f: number) => `第${f}楼的内容，用来测试引用跳转`;

/** Quotes of the long thread: [quoting floor, quoted floor, form]. */
export const LONG_QUOTES: [number, number, 'A' | 'B'][] = [
  [4, 2, 'A'], // same page
  [40, 35, 'A'],
  [95, 3, 'A'], // far back: another page for any page size below 92
  [128, 100, 'B'],
  [130, 1, 'A'],
];

function longThread(): PostSpec[] {
  const posts: PostSpec[] = [];
  for (let f = 1; f <= LONG_FLOORS; f++) {
    const q = LONG_QUOTES.find(([from]) => from === f);
    const lines: string[] = [];
    if (q) {
      const [, to, form] = q;
      lines.push(form === 'A' ? quoteA(author(to), floorTime(to), excerpt(to) + ' ...', 50_000_000 + to, LONG_TID) : quoteB(author(to), floorTime(to), excerpt(to) + ' ...'));
    }
    lines.push(excerpt(f));
    if (f % 10 === 0) lines.push('', `<img src="https://static.saraba1st.com/image/smiley/face2017/001.png" referrerpolicy="no-referrer">带表情 [链接](https://example.com/${f})`);
    if (f === 7) lines.push('', '<img src="https://img.saraba1st.com/forum/202301/01/abc.jpg" referrerpolicy="no-referrer">');
    posts.push({ floor: f, author: author(f), time: floorTime(f), body: lines, byOp: f % 25 === 0 });
  }
  return posts;
}

function partsThread(): [PostSpec[], PostSpec[]] {
  const a: PostSpec[] = [];
  for (let f = 1; f <= 20; f++) a.push({ floor: f, author: author(f), time: floorTime(f, 5), body: excerpt(f) });
  const b: PostSpec[] = [];
  for (let f = 1501; f <= 1505; f++) {
    const body = f === 1503 ? [quoteA(author(5), floorTime(5, 5), excerpt(5) + ' ...', 60_000_005, PARTS_TID), '跨文件引用'] : [excerpt(f)];
    b.push({ floor: f, author: author(f), time: floorTime(f - 1480, 6), body });
  }
  return [a, b];
}

function shortThread(): PostSpec[] {
  return [
    { floor: 1, author: '短帖楼主', time: '2023-5-1 10:00', body: ['短帖正文', '第二行'] },
    { floor: 2, author: '路人', time: '2023-5-1 10:05', body: [quoteB('短帖楼主', '2023-5-1 10:00', '短帖正文'), '回复'] },
    { floor: 3, author: '短帖楼主', time: '2023-5-1 10:09', byOp: true, body: '楼主回复' },
  ];
}

function constructsThread(): PostSpec[] {
  const bodies: string[][] = [
    [' 本帖最后由 构造 于 2023-7-1 10:05 编辑 ', '', '编辑过的正文'],
    ['<img src="https://img.saraba1st.com/forum/202307/30/090537ebb5at4o9l8tw4k6.jpg" referrerpolicy="no-referrer">', '', '<strong>F2OrssQbMAAxn7m.jpg</strong> (107.07 KB, 下载次数: 0)', '', '下载附件', '', '2023-7-30 09:05 上传'],
    ['外部图片<img src="https://p.sda1.dev/1/a.jpg" referrerpolicy="no-referrer">和表情<img src="https://static.saraba1st.com/image/smiley/face2017/001.png" referrerpolicy="no-referrer">', 'image', '⟦尺寸过大图片，请至原链接查看⟧'],
    ['链接：[https://example.com/a](https://example.com/a) 空白文字的链接：[ ](https://example.com/b) [\u200b](https://example.com/c) 图片链接：[<img src="https://p.sda1.dev/2/b.jpg" referrerpolicy="no-referrer">](https://example.com/d)'],
    ['有评分的楼', '', '﹍﹍﹍', '', '评分', '', ' 参与人数 2战斗力 +2', '', '|昵称|战斗力|理由|', '|----|---|---|', '| ltycomputer| + 1||', '| Freak_V| + 1|谢谢你|', '', '查看全部评分'],
    ['<input name="formhash" type="hidden" value="c9a03bec"/)', '', '<strong>单选投票</strong> , 投票后结果可见, 共有 297 人参与投票', '', '距结束还有:', '', '<strong>', '', '14 天21 小时14 分钟', '', '</strong>', '', '1. \u00a0吉田直树', '', '2. \u00a0陶德·霍华德'],
    ['提示: 作者被禁止或删除 内容自动屏蔽'],
    ['Bondrewd，本帖隐藏的内容需要积分高于 30000 才可浏览，您当前积分为 1'],
    ['以下内容需要积分高于 30000 才可浏览', '可见的内容'],
    [quoteB('构造', '2023-7-1 10:00', '**** 作者被禁止或删除 内容自动屏蔽 ****'), '引用被屏蔽的人'],
    ['正文', '—— 来自 HUAWEI JER-AN10, Android 12上的 [S1Next-鹅版](https://github.com/ykrank/S1-Next/releases) v2.5.4'],
    ['<hr class="l"/)', '分割线之后'],
  ];
  return bodies.map((body, i) => ({ floor: i + 1, author: i % 2 ? '构造' : '另一个人', time: `2023-7-1 10:${String(i).padStart(2, '0')}`, body }));
}

export function writeNavArchive(dir: string): void {
  const [a, b] = partsThread();
  const files: [string, string][] = [
    [`外野/${LONG_TID}-01[导航测试：跨页引用].md`, dumpText(longThread())],
    [`外野/${PARTS_TID}[分卷测试]/${PARTS_TID}-01[分卷测试].md`, dumpText(a)],
    [`外野/${PARTS_TID}[分卷测试]/${PARTS_TID}-02[分卷测试].md`, dumpText(b)],
    [`游戏区/${SHORT_TID}-01[短帖].md`, dumpText(shortThread())],
    [`游戏区/${CONSTRUCTS_TID}-01[各种楼层构造].md`, dumpText(constructsThread())],
  ];
  for (const [rel, text] of files) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}
