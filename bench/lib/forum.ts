// The forum boilerplate of docs/format.md F10 in its canonical 2023 shapes: times, quotes,
// smileys, images and attachment captions, links, signatures, rating blocks.
import { Rng, Weighted } from './rng.ts';
import { sentence } from './text.ts';

const pad = (n: number) => (n < 10 ? '0' + n : String(n));

/** Forum minute (Beijing local time, minutes since 1970) → calendar fields. */
function fields(minute: number) {
  const d = new Date(minute * 60000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes() };
}

/** "2023-1-4 13:05": month and day unpadded, hour and minute padded (docs/format.md F7). */
export function stamp(minute: number): string {
  const f = fields(minute);
  return `${f.y}-${f.mo}-${f.d} ${pad(f.h)}:${pad(f.mi)}`;
}

/** "2023-01-04 13:05:27": the padded form with seconds that mobile quotes carry (docs/format.md F10.4). */
export function paddedStamp(minute: number, second: number): string {
  const f = fields(minute);
  return `${f.y}-${pad(f.mo)}-${pad(f.d)} ${pad(f.h)}:${pad(f.mi)}:${pad(second)}`;
}

/** Minute of a Beijing-local calendar date. */
export function minuteOf(y: number, mo: number, d: number): number {
  return Date.UTC(y, mo - 1, d) / 60000;
}

// ---- quotes (docs/format.md F10.4) ----

export interface QuoteTarget {
  author: string;
  minute: number;
  pid: number;
  /** Plain-text lines of the quoted post (tags removed); empty for image-only posts. */
  text: string[];
  banned: boolean;
}

const BANNED_IN_QUOTE = '**** 作者被禁止或删除 内容自动屏蔽 ****';

/** UTF-8-ish weight of the forum's cutstr: CJK counts 3, ASCII 1. */
const weight = (s: string) => {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 128 ? 1 : 3;
  return w;
};

/** The forum's excerpt: the quoted text cut to ~80 bytes with " ..." (docs/format.md F10.4; 56% are cut). */
export function excerpt(t: QuoteTarget): string[] {
  if (t.banned) return [BANNED_IN_QUOTE];
  const out: string[] = [];
  let w = 0;
  for (const line of t.text) {
    const lw = weight(line);
    if (w + lw <= 80) {
      out.push(line);
      w += lw + 1;
      continue;
    }
    let cut = '';
    for (const ch of line) {
      if (w + weight(cut + ch) > 76) break;
      cut += ch;
    }
    out.push(cut + ' ...');
    return out;
  }
  return out;
}

/** Form A (link, 90%) or Form B (plain attribution); lines end with the closing tag. */
export function quoteLines(rng: Rng, t: QuoteTarget, tid: number): string[] {
  const ex = excerpt(t);
  if (ex.length && rng.chance(0.1)) {
    const last = ex.length - 1;
    return [`<blockquote>${t.author} 发表于 ${stamp(t.minute)}`, ...ex.slice(0, last), ex[last] + '</blockquote>'];
  }
  const time = rng.chance(0.026) ? paddedStamp(t.minute, rng.int(60)) : stamp(t.minute);
  const anchor =
    `<blockquote><a href="httphttps://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;pid=${t.pid}&amp;ptid=${tid}" ` +
    `target="_blank">${t.author} 发表于 ${time}</a>`;
  if (!ex.length) return [anchor + '</blockquote>'];
  const last = ex.length - 1;
  return [anchor, '', ...ex.slice(0, last), ex[last] + '</blockquote>'];
}

// ---- smileys (docs/format.md F10.5) ----

const SMILEY_SETS = new Weighted<[string, number, string]>([
  [['face2017', 180, 'png'], 9780],
  [['carton2017', 90, 'png'], 83],
  [['face', 120, 'gif'], 50],
  [['animal2017', 40, 'png'], 38],
  [['goose2017', 40, 'png'], 17],
  [['bundam2017', 30, 'png'], 11],
  [['normal', 60, 'gif'], 6],
  [['nq', 40, 'gif'], 6],
]);

export function smiley(rng: Rng): string {
  const [set, count, ext] = SMILEY_SETS.pick(rng);
  const n = rng.skewed(count, 1.8) + 1;
  const name = set === 'face' ? String(n) : String(n).padStart(3, '0');
  const e = set === 'face2017' && rng.chance(0.05) ? 'gif' : ext;
  return `<img src="https://static.saraba1st.com/image/smiley/${set}/${name}.${e}" referrerpolicy="no-referrer">`;
}

// ---- images and attachment captions (docs/format.md F10.6, F10.7) ----

const img = (url: string) => `<img src="${url}" referrerpolicy="no-referrer">`;
const JPEG_DEBRIS = '" src="https://static.saraba1st.com/image/common/none.gif" referrerpolicy="no-referrer">';

/** An uploaded image and its caption block; blank lines between, as the forum prints them. */
export function attachmentLines(rng: Rng, minute: number): string[] {
  const f = fields(minute);
  const up = minute - rng.range(1, 30);
  const u = fields(up);
  const ext = rng.pick(['jpg', 'jpg', 'jpg', 'png', 'png', 'gif', 'jpeg']);
  const file = `${pad(u.h)}${pad(u.mi)}${pad(rng.int(60))}${rng.alnum(16)}`;
  let line = img(`https://img.saraba1st.com/forum/${f.y}${pad(f.mo)}/${pad(f.d)}/${file}.${ext}`);
  if (ext === 'jpeg') line += JPEG_DEBRIS;
  const name = attachmentName(rng, ext);
  const size = rng.chance(0.005) ? `${(rng.next() * 4 + 1).toFixed(2)} MB` : rng.chance(0.1) ? `${rng.range(20, 900)} KB` : `${(rng.next() * 900 + 20).toFixed(2)} KB`;
  const downloads = rng.chance(0.002) ? '' : String(rng.skewed(60, 3));
  const caption = rng.chance(0.17) ? [name, `(${size}, 下载次数: ${downloads})`] : [`<strong>${name}</strong> (${size}, 下载次数: ${downloads})`];
  const when = rng.chance(0.032) ? '由手机上传' : `${stamp(up)} 上传`;
  return [line, '', ...caption, '', '下载附件', '', when];
}

function attachmentName(rng: Rng, ext: string): string {
  const r = rng.next();
  if (r < 0.3) return `IMG_${rng.range(1000, 9999)}.${ext}`;
  if (r < 0.5) return `微信图片_2023${rng.range(1000000000, 9999999999)}.${ext}`;
  if (r < 0.7) return `${rng.alnum(15, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}.${ext}`;
  if (r < 0.85) return `Screenshot_2023${rng.range(100000, 999999)}.${ext}`;
  return `${rng.range(1, 30)}.${ext}`;
}

const EXTERNAL = new Weighted<(rng: Rng) => string>([
  [(r) => `https://p.sda1.dev/${r.range(1, 13)}/${r.hex(32)}/CMP_2023${r.range(1000000000, 9999999999)}.jpg`, 76],
  [(r) => `https://wx${r.range(1, 4)}.sinaimg.cn/large/${r.alnum(32)}.jpg`, 7],
  [(r) => `http://ww${r.range(1, 4)}.sinaimg.cn/mw1024/${r.alnum(32)}.jpg`, 3],
  [(r) => `https://i.loli.net/2023/${pad(r.range(1, 12))}/${pad(r.range(1, 28))}/${r.alnum(15)}.png`, 2],
  [(r) => `https://i.imgur.com/${r.alnum(7, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}.png`, 1],
  [(r) => `https://files.catbox.moe/${r.alnum(6)}.jpg`, 1],
]);

export function externalImage(rng: Rng): string {
  return img(EXTERNAL.pick(rng)(rng));
}

// ---- links (docs/format.md F10.13) ----

const LINK_URLS = new Weighted<(rng: Rng) => string>([
  [(r) => `https://www.bilibili.com/video/BV1${r.alnum(9, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789')}`, 30],
  [(r) => `https://weibo.com/${r.range(1000000000, 7999999999)}/${r.alnum(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`, 15],
  [(r) => `https://twitter.com/${r.alnum(8)}/status/${r.range(100000000, 999999999)}${r.range(1000000000, 9999999999)}`, 15],
  [(r) => `https://www.youtube.com/watch?v=${r.alnum(11)}&amp;t=${r.range(1, 900)}s`, 10],
  [(r) => `https://bbs.saraba1st.com/2b/thread-${r.range(1900000, 2160000)}-1-1.html`, 10],
  [(r) => `https://mp.weixin.qq.com/s?__biz=Mz${r.alnum(10)}==&amp;mid=${r.range(2000000000, 2999999999)}&amp;idx=1&amp;sn=${r.hex(32)}`, 10],
  [(r) => `https://zh.wikipedia.org/wiki/${r.alnum(8)}`, 5],
  [(r) => `https://docs.google.com/spreadsheets/d/${r.alnum(44)}`, 5],
]);

export function url(rng: Rng): string {
  return LINK_URLS.pick(rng)(rng);
}

/** `[text](url)`: same text, the forum's shortened text, or a caption (docs/format.md F10.13). */
export function markdownLink(rng: Rng): string {
  const u = url(rng);
  const r = rng.next();
  if (r < 0.4) return `[${u}](${u})`;
  if (r < 0.7 && u.length > 50) return `[${u.slice(0, 32)} ... ${u.slice(-18)}](${u})`;
  return `[${sentence(rng, rng.range(4, 14))}](${u})`;
}

// ---- client signatures (docs/format.md F10.11) ----

const DEVICES = [
  'Xiaomi 2211133C, Android 13', 'HUAWEI NOH-AN00, Android 12', 'samsung SM-S9180, Android 14', 'OnePlus PHB110, Android 13',
  'Google Pixel 7, Android 13', 'OPPO PFFM10, Android 13', 'vivo V2227A, Android 13', 'Sony XQ-DQ72, Android 13',
  'HONOR ANY-AN00, Android 12', 'Redmi 22081212C, Android 13', 'Xiaomi 23049RAD8C, Android 13', 'HUAWEI JER-AN10, Android 12',
];

const SIGNATURES = new Weighted<(rng: Rng) => string>([
  [(r) => `—— 来自 ${r.pick(DEVICES)}上的 [S1Next-鹅版](https://github.com/ykrank/S1-Next/releases) ${r.pick(['v2.5.4', 'v2.5.3', 'v2.5.2', 'v2.4.4.1'])}`, 265],
  [() => '—— 来自 [S1Fun](https://s1fun.koalcat.com)', 102],
  [(r) => `[\u00a0\u00a0-- 来自 ${r.pick(['能手机投票的', '有消息提醒的', '能搜索的', '能看大图的'])} Stage1官方 ${r.pick(['Android', 'iOS'])}客户端](https://www.coolapk.com/apk/140634)`, 84],
  [(r) => `[论坛助手,${r.pick(['iPhone', 'iPhone', 'iPad'])}](https://bbs.saraba1st.com/2b/forum.php?mod=viewthread&amp;tid=2029836)`, 21],
  [(r) => `----发送自 [${r.pick(['STAGE1 App for Android.', r.pick(DEVICES).replace(', ', ',')])}](http://stage1.5j4m.com/?1.37)`, 12],
  [(r) => `— from ${r.pick(DEVICES)} of [S1 Next Goose](https://pan.baidu.com/s/1mi43uRm) ${r.pick(['v2.5.2-play', 'v2.4.4-play'])}`, 12],
  [() => '来自: iPhone客户端', 0.6],
  [() => ' -- 傲娇地来自 Stage1未知客户端', 0.5],
  [() => '----[STAGE1 Mobile](http://bbs.saraba1st.com/?1.0)', 0.2],
]);

export function signature(rng: Rng): string {
  return SIGNATURES.pick(rng)(rng);
}

// ---- rating blocks (docs/format.md F10.8) ----

const REASONS = ['', '', '', '', '好评加鹅', '欢乐多', '思路广', '你说得对', '有道理', '太真实了', '涨姿势', '神回复', '恶意引战', '不友善'];

/** `﹍﹍﹍ … 查看全部评分`: raters are other users; scores +N / -N, net total signed or 0. */
export function ratingLines(rng: Rng, raters: () => string): string[] {
  const n = rng.chance(0.75) ? 1 : rng.range(2, 5);
  const negative = rng.chance(0.12);
  const rows: string[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const score = rng.chance(0.8) ? 1 : rng.range(2, 4);
    const neg = negative || (n > 1 && rng.chance(0.05));
    total += neg ? -score : score;
    let reason = rng.pick(REASONS);
    if (reason === '' && rng.chance(0.2)) reason = sentence(rng, rng.range(4, 20));
    rows.push(neg ? `| ${raters()}|-${score}|${reason}|` : `| ${raters()}| + ${score}|${reason}|`);
  }
  const participants = n + (rng.chance(0.05) ? rng.range(1, 3) : 0);
  const sum = total > 0 ? `+${total}` : total < 0 ? `-${-total}` : '0';
  return ['﹍﹍﹍', '', '评分', '', ` 参与人数 ${participants}战斗力 ${sum}`, '', '|昵称|战斗力|理由|', '|----|---|---|', ...rows, '', '查看全部评分'];
}
