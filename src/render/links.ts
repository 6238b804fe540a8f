// Escaping and safe URLs. markdown-it is used for what it is good at here: link
// normalisation (percent-encoding, punycode) and its scheme blocklist; post text itself
// is never run through it (docs/format.md F10.15).
import MarkdownIt from 'markdown-it';
import { isHttp } from '../parse/inline.ts';
import { escAttr, escText } from '../common/text.ts';

const md = new MarkdownIt('zero');

/** Every link to user-supplied targets carries this rel (enforced again by the sanitizer). */
export const REL = 'nofollow ugc noopener noreferrer';

/** A user-supplied http(s) URL made safe for href/src, or null. */
export function safeUrl(url: string): string | null {
  if (!isHttp(url)) return null;
  const n = md.normalizeLink(url);
  return isHttp(n) && md.validateLink(n) ? n : null;
}

/** `<a>` to a user-supplied URL; falls back to the bare label when the URL is unusable. */
export function externalLink(url: string | null, label: string, cls?: string): string {
  const href = url === null ? null : safeUrl(url);
  if (href === null) return label;
  return `<a${cls ? ` class="${cls}"` : ''} href="${escAttr(href)}" rel="${REL}">${label}</a>`;
}

export function time(iso: string | null, shown: string): string {
  return iso ? `<time datetime="${iso}">${escText(shown)}</time>` : escText(shown);
}
