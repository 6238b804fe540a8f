// The last gate: every post's HTML goes through sanitize-html with a strict allowlist, unless
// a linear scan (isFixedPoint) proves that sanitize-html would return it unchanged. The
// renderer escapes and checks everything it writes, in the form sanitize-html writes it, so
// its bodies normally pass the scan; sanitize-html catches the renderer's mistakes.
import { randomBytes } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';
import { REL } from './links.ts';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Same-site links (floor links) are relative; anything with a scheme or "//" is external. */
const isRelative = (href: string) => !SCHEME.test(href) && !href.startsWith('//') && !href.startsWith('\\');

/**
 * Set on every image by the img transform (and expected by isFixedPoint). No referrerpolicy:
 * the page-level no-referrer rule (the layout's <meta name="referrer">, the Referrer-Policy
 * header) covers every image, and an image may not carry its own (not in the allowlist), so
 * input cannot loosen it.
 */
export const IMG_SET: Record<string, string> = { loading: 'lazy', decoding: 'async' };
const TAGS = ['p', 'br', 'a', 'img', 'blockquote', 'strong', 'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'hr', 'time', 'bdi'];
const ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'rel', 'class'],
  img: ['src', 'alt', 'title', 'class', ...Object.keys(IMG_SET)],
  blockquote: ['class'],
  p: ['class'],
  span: ['class'],
  div: ['class'],
  figure: ['class'],
  table: ['class'],
  tr: ['class'],
  td: ['class'],
  th: ['scope'],
  time: ['datetime'],
};
/** Attributes whose URLs sanitize-html checks against allowedSchemes (http, https or relative). */
const URL_ATTRIBUTES = ['href', 'src'];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: ATTRIBUTES,
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: URL_ATTRIBUTES,
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
      const href = attribs.href ?? '';
      if (href !== '' && isRelative(href)) return { tagName, attribs: { href, class: attribs.class ?? 'floor-link' } };
      return { tagName, attribs: { ...attribs, rel: REL } };
    },
    img: (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => ({ tagName, attribs: { ...attribs, ...IMG_SET } }),
  },
};

export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** What the site's gate did to a page of bodies. */
export interface SanitizedBodies {
  bodies: string[];
  /** Bodies isFixedPoint could not pass, which went through sanitize-html. */
  sanitized: number;
}

/**
 * The bodies as sanitizePostHtml would return them: a body that isFixedPoint passes is
 * returned as it is, the others go through sanitize-html together (sanitizeBatch).
 */
export function sanitizeBodies(raw: string[]): SanitizedBodies {
  const bodies = raw.slice();
  const rest: number[] = [];
  for (let i = 0; i < raw.length; i++) if (!isFixedPoint(raw[i])) rest.push(i);
  if (rest.length > 0) {
    const out = sanitizeBatch(rest.map((i) => raw[i]));
    for (let k = 0; k < rest.length; k++) bodies[rest[k]] = out[k];
  }
  return { bodies, sanitized: rest.length };
}

/** A cut mark no body can hold: bodies escape their text, and the class carries a per-process nonce. */
const CUT = `<span class="loulan-cut-${randomBytes(8).toString('hex')}"></span>`;

/**
 * sanitizePostHtml over many raw bodies in one call (its cost is mostly per call), cut
 * apart again. Same result as one call per body as long as every body is balanced; a body
 * that is not (a renderer bug) could swallow its neighbours, so then each is sanitized alone.
 */
function sanitizeBatch(raw: string[]): string[] {
  const parts = sanitizePostHtml(raw.join(CUT)).split(CUT);
  if (parts.length === raw.length && parts.every(balanced)) return parts;
  return raw.map((html) => sanitizePostHtml(html));
}

/** Sanitized HTML only: every "<" in text and attribute values is escaped, so tags can be counted. */
function balanced(html: string): boolean {
  // A scan, not matchAll(/<(\/?)([a-z0-9]+)/g): same tags, no match objects (runs over every page).
  const stack: string[] = [];
  const n = html.length;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i)) {
    i++;
    const close = html.charCodeAt(i) === 47; // "/"
    const from = close ? i + 1 : i;
    let j = from;
    for (; j < n; j++) {
      const c = html.charCodeAt(j);
      if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) break;
    }
    if (j === from) continue;
    const name = html.slice(from, j);
    i = j;
    if (VOID.has(name)) continue;
    if (!close) stack.push(name);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

// ---- isFixedPoint: is html already what sanitize-html with OPTIONS writes for it? ----
//
// sanitize-html parses with htmlparser2 (entities decoded) and writes each allowed tag as
// `<name a="v">` (void tags `<name a="v" />`) with its attributes in the order the
// transforms leave them, values escaped &<>" → &amp;&lt;&gt;&quot;, text escaped &<> →
// &amp;&lt;&gt; and nothing else (so `"`, `'` are written raw, and &nbsp; &#39; &quot; in
// text come back as other bytes). htmlparser2 closes the innermost open element when a tag
// that "implies" its end opens, and closes what is left open at the end. The scan accepts
// only input in exactly that written form that none of this re-shapes; anything else,
// including what it does not know, is left to sanitize-html.

const VOID = new Set(['br', 'img', 'hr']);
/**
 * htmlparser2's openImpliesClose (Parser.js) for the allowed tags: opening the key closes
 * the innermost open element when it is one of these (tests/render/sanitize-gate.test.ts
 * checks every pair of allowed tags against sanitize-html).
 */
const IMPLIES_CLOSE: Record<string, string[]> = {
  tr: ['tr', 'th', 'td'],
  th: ['th'],
  td: ['thead', 'th', 'td'],
  p: ['p'],
  blockquote: ['p'],
  div: ['p'],
  figcaption: ['p'],
  figure: ['p'],
  hr: ['p'],
  table: ['p'],
  tbody: ['thead', 'tbody'],
};

const tagId = (name: string) => TAGS.indexOf(name);
const isVoid = TAGS.map((t) => VOID.has(t));
/** Per tag: a bit per tag id whose open element it closes. */
const closesMask = TAGS.map((t) => (IMPLIES_CLOSE[t] ?? []).reduce((m, c) => m | (1 << tagId(c)), 0));
const attributesOf = TAGS.map((t) => ATTRIBUTES[t] ?? []);
/** Per tag and attribute: the only value the transforms leave, or null. */
const fixedValue = TAGS.map((t, id) => attributesOf[id].map((a) => (t === 'img' ? (IMG_SET[a] ?? null) : t === 'a' && a === 'rel' ? REL : null)));
/** Per tag: a bit per attribute the transform always sets. */
const requiredMask = TAGS.map((t, id) => (t === 'img' ? attributesOf[id].reduce((m, a, k) => (a in IMG_SET ? m | (1 << k) : m), 0) : 0));
const urlMask = attributesOf.map((attrs) => attrs.reduce((m, a, k) => (URL_ATTRIBUTES.includes(a) ? m | (1 << k) : m), 0));
const byLength: number[][] = [];
for (const [id, t] of TAGS.entries()) (byLength[t.length] ??= []).push(id);
const A = tagId('a');
const A_HREF = 1 << attributesOf[A].indexOf('href');
const A_REL = 1 << attributesOf[A].indexOf('rel');
const A_CLASS = 1 << attributesOf[A].indexOf('class');

const LT = 60, GT = 62, AMP = 38, SLASH = 47, SPACE = 32, EQ = 61, QUOTE = 34, COLON = 58, BACKSLASH = 92;
/** URL kinds as sanitize-html and the a transform see them. */
const NO_URL = 0, RELATIVE = 1, EXTERNAL = 2, REJECTED = 3;

/** Open elements (tag ids), reused by every call: nesting deeper than this is left to sanitize-html. */
const stack = new Uint8Array(256);
let depth = 0;

/**
 * True only when sanitize-html with OPTIONS would return html unchanged: one scan, no
 * allocation. False means "not proven", not "unsafe".
 */
export function isFixedPoint(html: string): boolean {
  depth = 0;
  const n = html.length;
  for (let i = 0; i < n; ) {
    const c = html.charCodeAt(i);
    if (c > GT) i++; // most text: nothing to look at
    else if (c === LT) i = html.charCodeAt(i + 1) === SLASH ? closeTag(html, i + 2) : openTag(html, i + 1);
    else if (c === AMP) i = entityEnd(html, i, false);
    else if (c === GT) return false;
    else i++;
    if (i < 0) return false;
  }
  return depth === 0;
}

/** `</name>` from after "</": the innermost open element's own end tag. Index after it, or -1. */
function closeTag(html: string, i: number): number {
  const end = nameEnd(html, i);
  const tag = tagAt(html, i, end);
  if (tag < 0 || isVoid[tag] || html.charCodeAt(end) !== GT || depth === 0 || stack[depth - 1] !== tag) return -1;
  depth--;
  return end + 1;
}

/** An allowed start tag from after "<", attributes as the transforms write them. Index after it, or -1. */
function openTag(html: string, i: number): number {
  let j = nameEnd(html, i);
  const tag = tagAt(html, i, j);
  if (tag < 0 || (depth > 0 && (closesMask[tag] >> stack[depth - 1]) & 1)) return -1;
  const attrs = attributesOf[tag];
  let seen = 0;
  let first = 0;
  let url = NO_URL;
  for (;;) {
    const c = html.charCodeAt(j);
    if (c === GT && !isVoid[tag]) {
      j += 1;
      break;
    }
    if (c !== SPACE) return -1;
    if (html.charCodeAt(j + 1) === SLASH) {
      if (!isVoid[tag] || html.charCodeAt(j + 2) !== GT) return -1;
      j += 3;
      break;
    }
    // ` name="value"`: an allowed attribute, once, its value in the written form.
    const k = nameEnd(html, j + 1);
    const a = attributeAt(attrs, html, j + 1, k);
    if (a < 0 || seen & (1 << a) || html.charCodeAt(k) !== EQ || html.charCodeAt(k + 1) !== QUOTE) return -1;
    if (seen === 0) first = 1 << a;
    seen |= 1 << a;
    const from = k + 2;
    const isUrl = ((urlMask[tag] >> a) & 1) === 1;
    const end = valueEnd(html, from, isUrl);
    // sanitize-html drops empty values but alt's.
    if (end < 0 || (end === from && attrs[a] !== 'alt')) return -1;
    const fixed = fixedValue[tag][a];
    if (fixed !== null && !(end - from === fixed.length && html.startsWith(fixed, from))) return -1;
    if (isUrl && (url = urlKind(html, from, end)) === REJECTED) return -1;
    j = end + 1;
  }
  if ((seen & requiredMask[tag]) !== requiredMask[tag]) return -1;
  // The a transform: a relative href keeps exactly href then class; any other link gets rel=REL.
  if (tag === A && (url === RELATIVE ? seen !== (A_HREF | A_CLASS) || first !== A_HREF : !(seen & A_REL))) return -1;
  if (!isVoid[tag]) {
    if (depth === stack.length) return -1;
    stack[depth++] = tag;
  }
  return j;
}

/** The closing quote of a double-quoted attribute value starting at i, or -1. */
function valueEnd(html: string, i: number, isUrl: boolean): number {
  for (const n = html.length; i < n; ) {
    const c = html.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === LT || c === GT) return -1;
    // launder drops blanks and controls from URLs before checking their scheme: none may occur.
    if (isUrl && (c <= SPACE || c === BACKSLASH)) return -1;
    if (c === AMP) {
      i = isUrl ? (html.startsWith('&amp;', i) ? i + 5 : -1) : entityEnd(html, i, true);
      if (i < 0) return -1;
    } else i++;
  }
  return -1;
}

/** After an entity sanitize-html writes back as it is (&amp; &lt; &gt;, in attributes also &quot;), or -1. */
function entityEnd(html: string, i: number, inAttribute: boolean): number {
  if (html.startsWith('&amp;', i)) return i + 5;
  if (html.startsWith('&lt;', i) || html.startsWith('&gt;', i)) return i + 4;
  if (inAttribute && html.startsWith('&quot;', i)) return i + 6;
  return -1;
}

/** The URL in html[from, to) as isRelative and sanitize-html's scheme check see it. */
function urlKind(html: string, from: number, to: number): number {
  let k = from;
  if (isLetter(html.charCodeAt(k))) {
    for (k++; k < to && isSchemeChar(html.charCodeAt(k)); k++);
    if (k < to && html.charCodeAt(k) === COLON) return isHttp(html, from, k - from) ? EXTERNAL : REJECTED;
  }
  // Protocol-relative ("//host"; backslashes never get here) is rejected by allowProtocolRelative.
  return to - from >= 2 && html.charCodeAt(from) === SLASH && html.charCodeAt(from + 1) === SLASH ? REJECTED : RELATIVE;
}

/** html[from, from + length) is "http" or "https", any case. */
function isHttp(html: string, from: number, length: number): boolean {
  if (length !== 4 && length !== 5) return false;
  for (let k = 0; k < length; k++) if ((html.charCodeAt(from + k) | 0x20) !== 'https'.charCodeAt(k)) return false;
  return true;
}

const isLetter = (c: number) => (c | 0x20) >= 97 && (c | 0x20) <= 122;
const isSchemeChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46; // + - .

/** End of the run of a-z at i (tag and attribute names are written in lower case). */
function nameEnd(html: string, i: number): number {
  for (let c = html.charCodeAt(i); c >= 97 && c <= 122; c = html.charCodeAt(++i));
  return i;
}

/** The id of the allowed tag html[from, to), or -1. */
function tagAt(html: string, from: number, to: number): number {
  const ids = byLength[to - from];
  if (ids) for (const id of ids) if (html.startsWith(TAGS[id], from)) return id;
  return -1;
}

/** The index in attrs of the attribute html[from, to), or -1. */
function attributeAt(attrs: string[], html: string, from: number, to: number): number {
  for (let k = 0; k < attrs.length; k++) if (attrs[k].length === to - from && html.startsWith(attrs[k], from)) return k;
  return -1;
}
