// The last gate: every post's HTML goes through sanitize-html once, with a strict allowlist.
// The renderer already escapes and checks everything it writes; this catches its mistakes.
import sanitizeHtml from 'sanitize-html';
import { REL } from './html.ts';

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Same-site links (floor links) are relative; anything with a scheme or "//" is external. */
const isRelative = (href: string) => !SCHEME.test(href) && !href.startsWith('//') && !href.startsWith('\\');

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a', 'img', 'blockquote', 'strong', 'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'hr', 'time'],
  allowedAttributes: {
    a: ['href', 'rel', 'class'],
    img: ['src', 'alt', 'title', 'class', 'loading', 'decoding', 'referrerpolicy'],
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
      attribs: { ...attribs, loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' },
    }),
  },
};

export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
