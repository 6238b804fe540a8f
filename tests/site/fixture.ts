// The site fixture archive (tests/fixtures/site/): a two-part thread of 75 floors whose
// quotes cross parts and pages, plus one construct of each kind the thread page shows;
// an inaccessible thread; a thread on a second board. `node --import tsx
// tests/site/fixture.ts` rewrites the committed copy from this module.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dumpText, floorTime, quoteA, quoteB, type PostSpec } from '../helpers/dump.ts';

export const SITE_FIXTURE = fileURLToPath(new URL('../fixtures/site/', import.meta.url));
export const MULTI_TID = '3000001';
export const GONE_TID = '3000002';
export const OTHER_TID = '3000003';
export const OP = '楼主君';
/** A site layout as the build's own pages need it (src/site/pages/shell.ts): for thread builds without Eleventy. */
export const LAYOUT = '<!doctype html>\n<title>页面不存在 - 楼兰</title>\n<body class="error-page">\n<main id="main">\n<h1>页面不存在</h1>\n</main>\n</body>\n';

const smiley = (name: string) => `<img src="https://static.saraba1st.com/image/smiley/face2017/${name}" referrerpolicy="no-referrer">`;
const NAMES = ['阿尔法', 'Bravo', '查理', 'Delta', '回声'];
const who = (f: number) => NAMES[f % NAMES.length];
const time1 = (f: number) => floorTime(f, 1);
const time2 = (f: number) => floorTime(f - 1500, 9);

const RATING = [
  '﹍﹍﹍',
  '',
  '评分',
  '',
  ' 参与人数 3战斗力 +1',
  '',
  '|昵称|战斗力|理由|',
  '|----|---|---|',
  '| 评分甲| + 2|好帖|',
  '| 评分乙|-1|不同意|',
  '| 评分丙| + 0||',
  '',
  '查看全部评分',
];

/** Floors of part 01 that carry a construct; the rest are plain text. */
const SPECIAL: Record<number, Partial<PostSpec>> = {
  1: {
    author: OP,
    body: [
      ' 本帖最后由 楼主君 于 2023-3-1 00:30 编辑 ',
      '',
      `开楼正文 ${smiley('001.png')} 表情在文字中间`,
      '',
      '<img src="https://img.saraba1st.com/forum/202303/01/000001abcdef.jpg" referrerpolicy="no-referrer">',
      '',
      '<strong>截图.jpg</strong> (107.07 KB, 下载次数: 3)',
      '',
      '下载附件',
      '',
      '2023-3-1 00:05 上传',
      '',
      ...RATING,
    ],
  },
  2: { author: OP, byOp: true, body: ['楼主的补充说明', '', '—— 来自 [S1Fun](https://s1fun.koalcat.com)'] },
  3: { author: '匿名', anonymous: true, body: '匿名发言' },
  4: { author: '身为长者', deleted: true, body: '已删除账号的发言' },
  5: { body: '第五楼：被跨页引用的楼层' },
  6: { body: '提示: 作者被禁止或删除 内容自动屏蔽' },
  7: { body: `本地没有的表情 ${smiley('999.png')}` },
  8: { body: [quoteA(OP, time1(2), '楼主的补充说明', 80000002, MULTI_TID), '同页引用'] },
  9: { author: OP, body: '楼主换了普通头行' },
  12: { body: ['有签名的楼', '', '—— 来自 HUAWEI JER-AN10, Android 12上的 [S1Next-鹅版](https://github.com/ykrank/S1-Next/releases) v2.5.4'] },
  13: { body: 'Bondrewd，如果您要查看本帖隐藏内容请回复' },
  30: { body: '第三十楼：第二页上被引用' },
};

function part1(): PostSpec[] {
  const posts: PostSpec[] = [];
  for (let f = 1; f <= 45; f++) posts.push({ floor: f, author: who(f), time: time1(f), body: `第${f}楼`, ...SPECIAL[f] });
  return posts;
}

function part2(): PostSpec[] {
  const posts: PostSpec[] = [];
  for (let f = 1501; f <= 1530; f++) {
    let body: string | string[] = `第${f}楼`;
    if (f === 1510) body = [quoteA(who(5), time1(5), '第五楼：被跨页引用的楼层', 80000005, MULTI_TID), '跨文件、跨页的引用'];
    if (f === 1525) body = [quoteB(who(30), time1(30), '第三十楼：第二页上被引用'), '无链接形式的引用'];
    posts.push({ floor: f, author: who(f), time: time2(f), body });
  }
  return posts;
}

export const FILES: [string, string][] = [
  [`外野/${MULTI_TID}[分卷引用测试]/${MULTI_TID}-01[分卷引用测试].md`, dumpText(part1())],
  [`外野/${MULTI_TID}[分卷引用测试]/${MULTI_TID}-02[分卷引用测试].md`, dumpText(part2())],
  [
    `外野/0无法访问/${GONE_TID}-01[已无法访问的帖子].md`,
    dumpText([
      { floor: 1, author: '消失的人', time: '2023-4-1 10:00', body: '这个帖子后来被删了' },
      { floor: 2, author: '路人', time: '2023-4-1 10:05', body: '沙发' },
    ]),
  ],
  [
    `游戏区/${OTHER_TID}-01[另一个版块 &amp; 标题实体].md`,
    dumpText([
      { floor: 1, author: '游戏人', time: '2023-5-1 10:00', body: '游戏区的帖子' },
      { floor: 2, author: '路人', time: '2023-5-1 10:05', body: '回复' },
    ]),
  ],
];

export function writeSiteFixture(dir: string): void {
  for (const [rel, text] of FILES) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  rmSync(SITE_FIXTURE, { recursive: true, force: true });
  writeSiteFixture(SITE_FIXTURE);
  console.log(`wrote ${FILES.length} files to ${SITE_FIXTURE}`);
}
