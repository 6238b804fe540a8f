// A post's own words as plain text: the body without what others wrote or the forum added
// (quotes, signatures, ratings, notices, edit notes, attachment captions, smileys, images).
// For excerpts (author pages, only-this-author lists). Walks the same token stream as the
// renderer (src/render/post.ts), so it sees the body exactly as the page shows it.
import { decodeEntities } from '../common/text.ts';
import { postTokens, type InlineToken } from '../parse/inline.ts';
import type { Post } from '../types.ts';

/** The post's own text, whitespace runs collapsed to one space. */
export function ownText(post: Post): string {
  const out: string[] = [];
  let depth = 0;
  const walk = (tokens: InlineToken[]) => {
    for (const t of tokens) {
      if (t.t === 'quote') depth++;
      else if (t.t === 'unquote') depth = Math.max(0, depth - (t.stray ? 0 : 1));
      else if (depth > 0) continue;
      else if (t.t === 'text') out.push(decodeEntities(t.raw));
      else if (t.t === 'url') out.push(t.raw);
      else if (t.t === 'link') walk(t.children);
      else if (t.t === 'nl') out.push(' ');
    }
  };
  walk(postTokens(post));
  return out.join('').replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** The first `n` characters (code points) of the post's own text, "…" when cut. */
export function excerptOf(post: Post, n = 100): string {
  const text = ownText(post);
  const chars = Array.from(text);
  return chars.length > n ? chars.slice(0, n).join('') + '…' : text;
}
