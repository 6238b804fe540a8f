// Quote attributions (FORMAT.md §10.4): Form A anchor text, Form B first line, legacy PHPWind.
import { decodeEntities } from './entities.ts';
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
const ANCHOR_TEXT = new RegExp(String.raw`^${SP}([^<]{1,80}?) 发表于 ${TIME}${SP}$`);
const FORM_B = new RegExp(String.raw`${SP}([^<]{1,80}?) 发表于 ${TIME}(?=${SP}(?:<|$))`, 'y');
const LEGACY = new RegExp(String.raw`${SP}引用第\d+楼([^<]{1,80}?)于${TIME}发表的${SP}:?`, 'y');
const TEXT_FORMS = [[FORM_B, 'B'], [LEGACY, 'legacy']] as const;
const PID = /[?&](?:amp;)*pid=(\d+)/;
const PTID = /[?&](?:amp;)*ptid=(\d+)/;

/** Form A: the anchor right after `<blockquote>`; null when its text is no attribution. */
export function anchorAttribution(href: string | null, text: string): Attribution | null {
  const m = ANCHOR_TEXT.exec(text);
  if (!m) return null;
  return {
    form: 'A',
    author: decodeEntities(m[1]),
    time: m[2],
    postedAt: timeToIso(m[2]),
    pid: href ? (PID.exec(href)?.[1] ?? null) : null,
    ptid: href ? (PTID.exec(href)?.[1] ?? null) : null,
    url: href === null ? null : repairQuoteUrl(href),
  };
}

/** Form B or legacy text at `at` (right after `<blockquote>`); sets `end` past what it consumed. */
export function textAttribution(s: string, at: number): { attr: Attribution; end: number } | null {
  for (const [re, form] of TEXT_FORMS) {
    re.lastIndex = at;
    const m = re.exec(s);
    if (m) {
      const attr: Attribution = { form, author: decodeEntities(m[1]), time: m[2], postedAt: timeToIso(m[2]), pid: null, ptid: null, url: null };
      return { attr, end: re.lastIndex };
    }
  }
  return null;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number) => (n < 10 ? '0' : '') + n;

/**
 * "2023-1-5 00:32" or "2021-09-15 22:03:05" (already shaped by TIME) → ISO +08:00, or null
 * when impossible. Hand-parsed: there is one per quote in the archive.
 */
export function timeToIso(t: string): string | null {
  const d1 = t.indexOf('-', 5);
  const sp = t.indexOf(' ', d1);
  const c1 = t.indexOf(':', sp);
  const c2 = t.indexOf(':', c1 + 1);
  const y = +t.slice(0, 4);
  const mo = +t.slice(5, d1);
  const d = +t.slice(d1 + 1, sp);
  const h = +t.slice(sp + 1, c1);
  const mi = +t.slice(c1 + 1, c1 + 3);
  const sec = c2 < 0 ? 0 : +t.slice(c2 + 1);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (mo < 1 || mo > 12 || d < 1 || d > (mo === 2 && !leap ? 28 : DAYS[mo - 1]) || h > 23 || mi > 59 || sec > 59) return null;
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(sec)}+08:00`;
}
