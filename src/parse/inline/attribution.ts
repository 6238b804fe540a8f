// Quote attributions (docs/format.md F10.4): Form A anchor text, Form B first line, legacy PHPWind.
import { stampToIso } from '../time.ts';
import { decodeEntities } from '../../common/text.ts';
import { repairQuoteUrl } from './url.ts';

export interface Attribution {
  form: 'A' | 'B' | 'legacy';
  author: string | null;
  /** Time as written ("2023-1-5 00:32" or "2021-09-15 22:03:05"). */
  time: string | null;
  postedAt: string | null;
  pid: string | null;
  ptid: string | null;
  url: string | null;
}

const TIME = String.raw`(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}(?::\d{2})?)`;
const SP = String.raw`[ \u00a0]*`;
// Names are short and never hold a raw "<"; the bounded lazy group keeps a failed match cheap.
const FORM_B = new RegExp(String.raw`${SP}([^<]{1,80}?) 发表于 ${TIME}(?=${SP}(?:<|$))`, 'y');
const LEGACY = new RegExp(String.raw`${SP}引用第\d+楼([^<]{1,80}?)于${TIME}发表的${SP}:?`, 'y');
const TEXT_FORMS = [[FORM_B, 'B'], [LEGACY, 'legacy']] as const;

/** Form A: the anchor right after `<blockquote>`; null when its text is no attribution. */
export function anchorAttribution(href: string | null, text: string): Attribution | null {
  // "AUTHOR 发表于 TIME", spaces/NBSP around; hand-split (one per quote in the archive).
  const at = text.lastIndexOf(' 发表于 ');
  if (at < 0) return null;
  let a = 0;
  while (isGap(text.charCodeAt(a))) a++;
  let e = text.length;
  while (e > at + 5 && isGap(text.charCodeAt(e - 1))) e--;
  const time = text.slice(at + 5, e);
  const postedAt = stampToIso(time);
  if (a >= at || at - a > 80 || postedAt === null || text.indexOf('<', a) >= 0) return null;
  return {
    form: 'A',
    author: decodeEntities(text.slice(a, at)),
    time,
    postedAt,
    pid: href ? param(href, 'pid=') : null,
    ptid: href ? param(href, 'ptid=') : null,
    url: href === null ? null : repairQuoteUrl(href),
  };
}

const isGap = (c: number) => c === 32 || c === 0xa0;

/** Form B or legacy text at `at` (right after `<blockquote>`); sets `end` past what it consumed. */
export function textAttribution(s: string, at: number): { attr: Attribution; end: number } | null {
  for (const [re, form] of TEXT_FORMS) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (m) {
      const attr: Attribution = { form, author: decodeEntities(m[1]), time: m[2], postedAt: stampToIso(m[2]), pid: null, ptid: null, url: null };
      return { attr, end: re.lastIndex };
    }
  }
  return null;
}

/**
 * Digits of a query parameter (`name` is "pid=" or "ptid="), tolerant to `&amp;amp;`: the
 * name follows "?", "&" or the ";" of an escaped "&amp;" (docs/format.md F10.4).
 */
function param(href: string, name: string): string | null {
  for (let i = href.indexOf(name); i > 0; i = href.indexOf(name, i + 1)) {
    const prev = href.charCodeAt(i - 1);
    if (prev !== 63 && prev !== 38 && prev !== 59) continue; // ? & ;
    let e = i + name.length;
    while (e < href.length && isDigit(href.charCodeAt(e))) e++;
    if (e > i + name.length) return href.slice(i + name.length, e);
  }
  return null;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
