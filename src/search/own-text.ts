// The indexable own text of a post: what its author wrote, without quoted excerpts,
// signatures, rating tables, edit notes, notices, attachment captions, images and smileys.
import { postTokens, type InlineToken } from '../parse/inline.ts';
import { decodeEntities } from '../common/text.ts';
import type { Post } from '../types.ts';

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
