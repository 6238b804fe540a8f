// Inline tokenizer (docs/parsing.md P10): one body line → tokens. A linear scan that jumps with
// indexOf between "<" and "[" (and "http" inside text); no regex over whole lines, no DOM.
// Text tokens keep the raw, HTML-escaped source: consumers decode it exactly once.
import type { Block } from '../../types.ts';
import { anchorAttribution, textAttribution, type Attribution } from './attribution.ts';
import { BROKEN, classifyImage, isHttp, MISSING, OVERSIZE, repairQuoteUrl, repairUrl, type InlineImage } from './url.ts';

export type MarkerKind = 'banned' | 'hidden';

export type InlineToken =
  | { t: 'text'; raw: string }
  | { t: 'img'; image: InlineImage }
  /** `<blockquote>`, with the attribution it opens with (consumed from the source). */
  | { t: 'quote'; attr: Attribution | null }
  /** `</blockquote>`; `stray` when nothing was open, `auto` when added at the end of the post. */
  | { t: 'unquote'; stray?: true; auto?: true }
  | { t: 'strong' }
  | { t: 'unstrong' }
  /** `[text](url)` or `<a href>text</a>`; href null when the anchor has no http(s) target. */
  | { t: 'link'; href: string | null; children: InlineToken[] }
  /** A bare http(s) URL in text; `raw` is the source text, `href` the repaired URL. */
  | { t: 'url'; raw: string; href: string }
  | { t: 'hr' }
  /** `**** 作者被禁止或删除 内容自动屏蔽 ****` / `**** 本内容被作者隐藏 ****` (inside quotes). */
  | { t: 'marker'; kind: MarkerKind; raw: string }
  /** End of a body line. */
  | { t: 'nl' }
  /** A body block other than text (edit, rating, attachment caption, …), in body order. */
  | { t: 'block'; block: Block };

export const NL: InlineToken = { t: 'nl' };
export const UNQUOTE: InlineToken = { t: 'unquote' };
export const STRAY_UNQUOTE: InlineToken = { t: 'unquote', stray: true };
export const AUTO_UNQUOTE: InlineToken = { t: 'unquote', auto: true };
const STRONG: InlineToken = { t: 'strong' };
const UNSTRONG: InlineToken = { t: 'unstrong' };
const HR: InlineToken = { t: 'hr' };
const IMG_MISSING: InlineToken = { t: 'img', image: MISSING };
const IMG_OVERSIZE: InlineToken = { t: 'img', image: OVERSIZE };

export const BANNED_MARK = '**** 作者被禁止或删除 内容自动屏蔽 ****';
export const HIDDEN_MARK = '**** 本内容被作者隐藏 ****';
export const OVERSIZE_MARK = '⟦尺寸过大图片，请至原链接查看⟧';

// `<[img`, `<[strong`, `<[/blockquote` …: a typed "[" merged into the tag opener (docs/format.md F10.10).
const MERGED = /<\[(?=\/?(?:img|strong|blockquote|a|hr|input)[\s>/])/g;
/** Longest link text searched for its closing bracket. */
const MAX_LINK_TEXT = 4096;

const NO_MATCH = Symbol('no match');
type Match = InlineToken | null | typeof NO_MATCH;

// Per-line scan state (the tokenizer is synchronous and not re-entered across lines).
let END = 0; // end of the last match
let hasHttp = false;
let hasMarks = false;
let linkFrom = -1; // position of the next "](h", -1 when there is none
let wantText = true;

/**
 * indexOf with memory, for needles searched again and again along one line: once a search
 * from `from` found `at`, any later search from a point in [from, at] finds `at` too (-1
 * included). Keeps lines full of unterminated "<a " or "<img " linear.
 */
class Seeker {
  private from = 0;
  private at = -2;
  constructor(private readonly needle: string) {}
  reset(): void {
    this.at = -2;
  }
  find(s: string, from: number): number {
    if (this.at !== -2 && from >= this.from && (this.at < 0 || from <= this.at)) return this.at;
    this.from = from;
    return (this.at = s.indexOf(this.needle, from));
  }
}
const GT = new Seeker('>');
const LT = new Seeker('<');
const BROKEN_END = new Seeker('"/)');
const ANCHOR_END = new Seeker('</a>');
const HTTP = new Seeker('http');

/**
 * Append the tokens of one body line to `out` (no trailing nl). With `text` false, text,
 * bare URLs and markers are skipped: the parser's record pass needs them only inside quotes.
 */
export function tokenizeLine(line: string, out: InlineToken[], text = true): void {
  if (line === 'image') return void out.push(IMG_MISSING);
  wantText = text;
  const merged = line.indexOf('<[') >= 0;
  if (merged) line = line.replace(MERGED, '[<');
  GT.reset();
  LT.reset();
  BROKEN_END.reset();
  ANCHOR_END.reset();
  HTTP.reset();
  if (text) {
    hasHttp = HTTP.find(line, 0) >= 0;
    hasMarks = line.indexOf('****') >= 0 || line.indexOf('⟦') >= 0;
    linkFrom = hasHttp ? line.indexOf('](h') : -1;
  } else {
    // Records mode: links matter only when their text may hold a tag ("[<blockquote>…](…)").
    hasHttp = false;
    hasMarks = line.indexOf('⟦') >= 0;
    linkFrom = merged || line.indexOf('[<') >= 0 ? line.indexOf('](h') : -1;
  }
  scan(line, 0, line.length, out, false);
}

function scan(s: string, from: number, to: number, out: InlineToken[], inLink: boolean): void {
  let text = from;
  let p = from;
  let lt = s.indexOf('<', p);
  let lb = inLink || linkFrom < 0 ? -1 : s.indexOf('[', p);
  for (;;) {
    if (lt >= 0 && lt < p) lt = s.indexOf('<', p);
    if (lb >= 0 && lb < p) lb = linkFrom < 0 ? -1 : s.indexOf('[', p);
    const q = lt < 0 ? lb : lb < 0 ? lt : lt < lb ? lt : lb;
    if (q < 0 || q >= to) break;
    const m = s.charCodeAt(q) === 60 ? matchTag(s, q, to, inLink) : matchLink(s, q, to);
    if (m === NO_MATCH) {
      p = q + 1;
      continue;
    }
    if (q > text) emitText(s, text, q, out, inLink);
    if (m !== null) out.push(m);
    text = p = END;
  }
  if (to > text) emitText(s, text, to, out, inLink);
}

function matchTag(s: string, q: number, to: number, inLink: boolean): Match {
  switch (s.charCodeAt(q + 1)) {
    case 105: // i
      if (s.startsWith('<img', q) && isSpace(s.charCodeAt(q + 4))) return img(s, q, to);
      if (s.startsWith('<input', q) && isSpace(s.charCodeAt(q + 6))) return skipTag(s, q + 6, to, null); // poll debris
      return NO_MATCH;
    case 98: // b
      if (!s.startsWith('<blockquote>', q)) return NO_MATCH;
      return inLink ? ((END = q + 12), null) : quote(s, q + 12, to);
    case 115: // s
      return s.startsWith('<strong>', q) ? ((END = q + 8), STRONG) : NO_MATCH;
    case 97: // a
      return isSpace(s.charCodeAt(q + 2)) ? anchor(s, q, to, inLink) : NO_MATCH;
    case 104: // h
      return s.startsWith('<hr', q) && isTagGap(s.charCodeAt(q + 3)) ? skipTag(s, q + 3, to, HR) : NO_MATCH;
    case 47: // /
      if (s.startsWith('</blockquote>', q)) return (END = q + 13), inLink ? null : UNQUOTE;
      if (s.startsWith('</strong>', q)) return (END = q + 9), UNSTRONG;
      if (inLink && s.startsWith('</a>', q)) return (END = q + 4), null;
      return NO_MATCH;
    default:
      return NO_MATCH;
  }
}

/**
 * End of a tag: after ">" or after the broken Discuz end `"/)`, whichever comes first; -1 when
 * the tag has no end before the next "<" (attribute values never hold a raw "<"): a tag
 * without an end is text (docs/format.md F10.10), e.g. one cut by a truncated quote excerpt.
 */
function tagEnd(s: string, from: number, to: number): number {
  const gt = GT.find(s, from);
  const br = BROKEN_END.find(s, from);
  const e = br >= 0 && (gt < 0 || br < gt) ? br + 3 : gt >= 0 ? gt + 1 : -1;
  if (e < 0 || e > to) return -1;
  const lt = LT.find(s, from);
  return lt >= 0 && lt < e ? -1 : e;
}

function skipTag(s: string, from: number, to: number, token: InlineToken | null): Match {
  const e = tagEnd(s, from, to);
  if (e < 0) return NO_MATCH;
  END = e;
  return token;
}

function img(s: string, q: number, to: number): Match {
  const image = readImage(s, q, to);
  return image === undefined ? NO_MATCH : image === null ? null : { t: 'img', image };
}

/**
 * The image of the `<img` tag at `q` and END past the tag; null for a dropped spacer,
 * undefined when the tag has no end (then it is text).
 */
function readImage(s: string, q: number, to: number): InlineImage | null | undefined {
  // Fast path: the canonical `<img src="URL" referrerpolicy="no-referrer">` (nearly all images).
  if (s.startsWith('src="', q + 5)) {
    const close = s.indexOf('"', q + 10);
    const end = close + CANONICAL_TAIL.length;
    const lt = LT.find(s, q + 1);
    if (close >= 0 && end <= to && (lt < 0 || lt >= end) && s.startsWith(CANONICAL_TAIL, close)) {
      END = skipDebris(s, end, to);
      return classifyImage(repairUrl(s.slice(q + 10, close)));
    }
  }
  const end = tagEnd(s, q + 4, to);
  if (end < 0) return undefined;
  let image: InlineImage | null = BROKEN;
  const at = s.indexOf('src="', q + 4);
  if (at >= 0 && at < end) {
    const close = s.indexOf('"', at + 5);
    if (close >= 0 && close < end) image = classifyImage(repairUrl(s.slice(at + 5, close)));
  }
  END = skipDebris(s, end, to);
  return image;
}

/**
 * Records mode for a line without quote tags or merged "<[" tags: just its images, in
 * reading order, as tokenizeLine would find them (no token objects, no text scan).
 */
export function lineImages(line: string, out: InlineImage[]): void {
  GT.reset();
  LT.reset();
  BROKEN_END.reset();
  for (let q = line.indexOf('<img'); q >= 0; q = line.indexOf('<img', q)) {
    const image = isSpace(line.charCodeAt(q + 4)) ? readImage(line, q, line.length) : undefined;
    if (image === undefined) {
      q += 4;
      continue;
    }
    if (image !== null) out.push(image);
    q = END;
  }
}

const CANONICAL_TAIL = '" referrerpolicy="no-referrer">';

/** `" src="…none.gif" referrerpolicy="no-referrer">` left behind a .jpeg image (docs/format.md F10.6). */
function skipDebris(s: string, e: number, to: number): number {
  if (!s.startsWith('" src="', e)) return e;
  const gt = GT.find(s, e + 7);
  return gt >= 0 && gt < to ? gt + 1 : e;
}

function quote(s: string, at: number, to: number): Match {
  END = at;
  let k = at;
  while (k < to && (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 0xa0)) k++;
  let attr: Attribution | null = null;
  if (s.startsWith('<a', k) && isSpace(s.charCodeAt(k + 2))) {
    const a = parseAnchor(s, k, to);
    attr = a && anchorAttribution(a.href, s.slice(a.textStart, a.textEnd));
    if (attr) END = a!.end;
  } else {
    const r = textAttribution(s, at);
    if (r && r.end <= to) (attr = r.attr), (END = r.end);
  }
  return { t: 'quote', attr };
}

interface AnchorSpan {
  href: string | null;
  textStart: number;
  textEnd: number;
  end: number;
}

function parseAnchor(s: string, q: number, to: number): AnchorSpan | null {
  const open = GT.find(s, q + 3);
  if (open < 0 || open >= to) return null;
  const close = ANCHOR_END.find(s, open + 1);
  const closed = close >= 0 && close + 4 <= to;
  let href: string | null = null;
  const h = s.indexOf('href="', q);
  if (h >= 0 && h < open) {
    const hq = s.indexOf('"', h + 6);
    if (hq >= 0 && hq < open) href = s.slice(h + 6, hq);
  }
  return { href, textStart: open + 1, textEnd: closed ? close : to, end: closed ? close + 4 : to };
}

function anchor(s: string, q: number, to: number, inLink: boolean): Match {
  if (inLink) return skipTag(s, q + 2, to, null); // an anchor inside link text: its text stays
  const a = parseAnchor(s, q, to);
  if (!a) return NO_MATCH;
  const children: InlineToken[] = [];
  scan(s, a.textStart, a.textEnd, children, true);
  END = a.end; // after the nested scan, which moves END
  const href = a.href === null ? null : repairQuoteUrl(a.href);
  return { t: 'link', href: href !== null && isHttp(href) ? href : null, children };
}

/** `[text](http…)` with balanced brackets in the text and balanced parentheses in the URL. */
function matchLink(s: string, q: number, to: number): Match {
  if (linkFrom < q) linkFrom = s.indexOf('](h', q);
  if (linkFrom < 0 || linkFrom >= to || linkFrom - q > MAX_LINK_TEXT) return NO_MATCH;
  const close = matching(s, q, '[', ']', Math.min(to, q + MAX_LINK_TEXT));
  if (close < 0 || s.charCodeAt(close + 1) !== 40 || !s.startsWith('http', close + 2)) return NO_MATCH;
  const paren = matching(s, close + 1, '(', ')', to);
  if (paren < 0) return NO_MATCH;
  const href = repairUrl(s.slice(close + 2, paren));
  if (!isHttp(href)) return NO_MATCH;
  const children: InlineToken[] = [];
  scan(s, q + 1, close, children, true);
  END = paren + 1;
  return { t: 'link', href, children };
}

/** Index of the bracket closing the one at `q` (nesting counted), or -1 before `limit`. */
function matching(s: string, q: number, open: string, close: string, limit: number): number {
  let depth = 1;
  let o = s.indexOf(open, q + 1);
  let c = s.indexOf(close, q + 1);
  for (;;) {
    if (c < 0 || c >= limit) return -1;
    if (o >= 0 && o < c) {
      depth++;
      o = s.indexOf(open, o + 1);
    } else if (--depth === 0) return c;
    else c = s.indexOf(close, c + 1);
  }
}

function emitText(s: string, a: number, b: number, out: InlineToken[], inLink: boolean): void {
  if (!wantText) return void (hasMarks && oversizeOnly(s, a, b, out));
  let p = a;
  if (hasHttp && !inLink) {
    for (let h = HTTP.find(s, p); h >= 0 && h < b; h = HTTP.find(s, h + 4)) {
      const e = bareUrlEnd(s, h, b);
      if (e < 0) continue;
      if (h > p) plain(s, p, h, out);
      const raw = s.slice(h, e);
      out.push({ t: 'url', raw, href: repairUrl(raw) });
      p = e;
      h = e - 4;
    }
  }
  if (b > p) plain(s, p, b, out);
}

function plain(s: string, a: number, b: number, out: InlineToken[]): void {
  if (hasMarks) {
    for (;;) {
      const m = nextMark(s, a, b);
      if (m < 0) break;
      if (m > a) out.push({ t: 'text', raw: s.slice(a, m) });
      if (s.startsWith(OVERSIZE_MARK, m)) out.push(IMG_OVERSIZE), (a = m + OVERSIZE_MARK.length);
      else if (s.startsWith(BANNED_MARK, m)) out.push({ t: 'marker', kind: 'banned', raw: BANNED_MARK }), (a = m + BANNED_MARK.length);
      else out.push({ t: 'marker', kind: 'hidden', raw: HIDDEN_MARK }), (a = m + HIDDEN_MARK.length);
    }
  }
  if (b > a) out.push({ t: 'text', raw: s.slice(a, b) });
}

/** Records mode: of all text, only the oversize marker is a record (an image placeholder). */
function oversizeOnly(s: string, a: number, b: number, out: InlineToken[]): void {
  for (let m = s.indexOf(OVERSIZE_MARK, a); m >= 0 && m + OVERSIZE_MARK.length <= b; m = s.indexOf(OVERSIZE_MARK, m + 1)) out.push(IMG_OVERSIZE);
}

const MARKS = [OVERSIZE_MARK, BANNED_MARK, HIDDEN_MARK];

function nextMark(s: string, a: number, b: number): number {
  let best = -1;
  for (const mark of MARKS) {
    const i = s.indexOf(mark, a);
    if (i >= 0 && i + mark.length <= b && (best < 0 || i < best)) best = i;
  }
  return best;
}

// ASCII characters a bare URL may hold; "[", "]", quotes, "<", ">", "|", "`", "{", "}", "\\", "^" end it.
const URL_CHAR = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&()*+,;=%") URL_CHAR[c.charCodeAt(0)] = 1;
const TRAILING = new Set([46, 44, 59, 58, 33, 63, 42]); // . , ; : ! ? *

/** End of a bare URL starting at `h` ("http…"), or -1. */
function bareUrlEnd(s: string, h: number, b: number): number {
  const prev = s.charCodeAt(h - 1);
  if (isAlnum(prev) || prev === 61) return -1; // inside a word ("xhttp://") or a BBCode parameter ("[url=http…")
  let k = h + 4;
  if (s.startsWith('http', k)) k += 4; // doubled scheme
  if (s.charCodeAt(k) === 115) k++;
  if (!s.startsWith('://', k)) return -1;
  const start = (k += 3);
  let open = 0;
  let close = 0;
  for (; k < b; k++) {
    const c = s.charCodeAt(k);
    if (c >= 128 || !URL_CHAR[c]) break;
    if (c === 38 && (s.startsWith('&lt;', k) || s.startsWith('&gt;', k) || s.startsWith('&quot;', k))) break;
    if (c === 40) open++;
    else if (c === 41) close++;
  }
  for (; k > start; k--) {
    const c = s.charCodeAt(k - 1);
    if (c === 41 && close > open) close--;
    else if (!TRAILING.has(c)) break;
  }
  return k > start ? k : -1;
}

const isSpace = (c: number) => c === 32 || c === 9;
const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isTagGap = (c: number) => c === 32 || c === 9 || c === 47 || c === 62;
