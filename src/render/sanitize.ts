// The last gate: every post's HTML goes through sanitize-html once, with a strict allowlist.
// The renderer already escapes and checks everything it writes; this catches its mistakes.
import { randomBytes } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';
import { REL } from './links.ts';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Same-site links (floor links) are relative; anything with a scheme or "//" is external. */
const isRelative = (href: string) => !SCHEME.test(href) && !href.startsWith('//') && !href.startsWith('\\');

/**
 * Attributes every <img> gets. No referrerpolicy: the page-level no-referrer rule (the
 * layout's <meta name="referrer">, the Referrer-Policy header) covers every image, and an
 * image may not carry its own (not in the allowlist), so input cannot loosen it.
 */
export const IMG_ATTRS = { loading: 'lazy', decoding: 'async' } as const;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a', 'img', 'blockquote', 'strong', 'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'hr', 'time', 'bdi'],
  allowedAttributes: {
    a: ['href', 'rel', 'class'],
    img: ['src', 'alt', 'title', 'class', ...Object.keys(IMG_ATTRS)],
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
  },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => {
      const href = attribs.href ?? '';
      if (href !== '' && isRelative(href)) return { tagName, attribs: { href, class: attribs.class ?? 'floor-link' } };
      return { tagName, attribs: { ...attribs, rel: REL } };
    },
    img: (tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag => ({
      tagName,
      attribs: { ...attribs, ...IMG_ATTRS },
    }),
  },
};

export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/** A cut mark no body can hold: bodies escape their text, and the class carries a per-process nonce. */
const CUT = `<span class="loulan-cut-${randomBytes(8).toString('hex')}"></span>`;
const VOID = new Set(['br', 'img', 'hr']);

/**
 * sanitizePostHtml over many raw bodies in one call (its cost is mostly per call), cut
 * apart again. Same result as one call per body as long as every body is balanced; a body
 * that is not (a renderer bug) could swallow its neighbours, so then each is sanitized alone.
 */
export function sanitizeBodies(raw: string[]): string[] {
  if (raw.length === 0) return [];
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
