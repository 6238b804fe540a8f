// A post's own words: what its author wrote, without quoted excerpts (a quote's words belong
// to the post that wrote them), signatures, rating tables, edit notes, notices, attachment
// captions, images and smileys. The search index and the author pages' excerpts read it;
// it walks the renderer's token stream, so it sees the body exactly as the page shows it.
import { postTokens, type InlineToken } from '../parse/inline.ts';
import { decodeEntities } from '../common/text.ts';
import type { Post } from '../types.ts';

/** The own text, lines kept (blank-line runs folded). */
export function ownText(post: Post): string {
  const parts: string[] = [];
  let depth = 0;
  for (const t of postTokens(post)) {
    if (t.t === 'quote') depth++;
    else if (t.t === 'unquote') depth > 0 && !t.stray && depth--;
    else if (depth === 0) appendToken(t, parts);
  }
  return parts.join('').replace(BLANK_LINES, '\n').trim();
}

function appendToken(t: InlineToken, parts: string[]): void {
  switch (t.t) {
    case 'text':
    case 'url':
      parts.push(decodeEntities(t.raw));
      break;
    case 'link':
      for (const c of t.children) appendToken(c, parts);
      break;
    case 'nl':
    case 'hr':
      parts.push('\n');
      break;
    default: // images, smileys, markers and blocks (edit, rating, signature, notice, caption, poll) are not the author's words
  }
}

const BLANK_LINES = /[ \t]*\n[\s]*\n/g;

/** The first `n` characters (code points) of an own text on one line, "…" when cut. */
export function excerpt(own: string, n: number): string {
  // Only the start can show: a long post is not collapsed and split whole. A head that
  // already holds more than n characters gives the same excerpt as the whole text.
  const head = n * 4 + 16;
  if (own.length > head) {
    const cut = excerpt(own.slice(0, head), n);
    if (cut.endsWith('…')) return cut;
  }
  const line = own.replace(SPACES, ' ').trim();
  if (line.length <= n) return line; // no more code points than code units
  // Without surrogates a code unit is a code point: cut without splitting the text into an array.
  if (!SURROGATE.test(line)) return line.slice(0, n) + '…';
  const chars = Array.from(line);
  return chars.length > n ? chars.slice(0, n).join('') + '…' : line;
}

const SPACES = /[\s\u00a0\u3000]+/g;
const SURROGATE = /[\ud800-\udfff]/;
