// Escaping and safe URLs. markdown-it is used for what it is good at here: link
// normalisation (percent-encoding, punycode) and its scheme blocklist; post text itself
// is never run through it (docs/format.md F10.15).
import MarkdownIt from 'markdown-it';
import { isHttp } from '../parse/inline.ts';

const md = new MarkdownIt('zero');

/** Every link to user-supplied targets carries this rel (enforced again by the sanitizer). */
export const REL = 'nofollow ugc noopener noreferrer';

// Control characters (C0 but tab and line ends, DEL, C1) are parse errors in HTML and show as
// garbage; the archive has NULs, other C0 and byte-cut C1 characters (docs/format.md F2).
const ESC = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const NEEDS_ESC = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const ESC_MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text or an attribute value; control characters are dropped. */
export function esc(s: string): string {
  return NEEDS_ESC.test(s) ? s.replace(ESC, (c) => ESC_MAP[c] ?? '') : s;
}

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
  return `<a${cls ? ` class="${cls}"` : ''} href="${esc(href)}" rel="${REL}">${label}</a>`;
}

export function time(iso: string | null, shown: string): string {
  return iso ? `<time datetime="${iso}">${esc(shown)}</time>` : esc(shown);
}
