// Post body → HTML: the token stream of the inline layer, block by block, in body order.
// The page template adds floor, author and time around it.
import { lineTokens, postTokens, repairUrl, type InlineToken } from '../parse/inline.ts';
import type { Block, Post, Quote } from '../types.ts';
import type { BlockOf } from '../parse/rule.ts';
import { attachmentHtml } from './attachment.ts';
import type { RenderContext } from './context.ts';
import { editHtml } from './edit.ts';
import { noticeHtml } from './notice.ts';
import { pollHtml } from './poll.ts';
import { QUOTE_CLOSE, QUOTE_OPEN, quoteOpenHtml } from './quote.ts';
import { ratingHtml } from './rating.ts';
import { sanitizePostHtml } from './sanitize.ts';
import { signatureHtml } from './signature.ts';
import { inlineHtml } from './text.ts';
import { Writer } from './writer.ts';

/** The body HTML of a post, sanitized. */
export function renderPost(post: Post, ctx: RenderContext): string {
  return sanitizePostHtml(renderPostUnsanitized(post, ctx));
}

/**
 * The body HTML before the last gate, written in the form sanitize-html writes: for callers
 * that pass many bodies through sanitizeBodies (the site build, once per page). Never output
 * it as is.
 */
export function renderPostUnsanitized(post: Post, ctx: RenderContext): string {
  const w = new Writer();
  writeTokens(postTokens(post), w, ctx, post.quotes);
  w.endPara();
  return w.html;
}

/** Body lines outside any post structure (poll boxes): quotes are not opened here. */
function renderLines(lines: string[], ctx: RenderContext): string {
  const w = new Writer();
  writeTokens(lineTokens(lines), w, ctx, null);
  w.endPara();
  return w.html;
}

/**
 * Deepest blockquote nesting written: the archive nests 3 deep at most, hostile input can ask
 * for thousands of levels (each indents the text further). Deeper quotes keep their header
 * and text, flat inside the deepest level.
 */
export const MAX_QUOTE_DEPTH = 16;

function writeTokens(tokens: InlineToken[], w: Writer, ctx: RenderContext, quotes: Quote[] | null): void {
  let q = 0;
  /** Per open quote: written as a <blockquote> (true) or flattened (false). */
  const open: boolean[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    switch (t.t) {
      case 'nl':
        w.endLine();
        break;
      case 'strong':
        w.openStrong();
        break;
      case 'unstrong':
        w.closeStrong();
        break;
      case 'hr':
        w.block('<hr />');
        break;
      case 'quote': {
        if (!quotes) break;
        const real = depth < MAX_QUOTE_DEPTH;
        const html = quoteOpenHtml(quotes[q++], t.attr, ctx);
        w.block(real ? html : html.slice(QUOTE_OPEN.length));
        open.push(real);
        if (real) depth++;
        break;
      }
      case 'unquote':
        if (!quotes || t.stray || open.length === 0) break;
        if (open.pop()) w.block(QUOTE_CLOSE), depth--;
        else w.endPara();
        break;
      case 'block':
        w.block(blockHtml(t.block, ctx));
        break;
      case 'img':
        if (t.image.kind === 'attachment') {
          const j = captionAfter(tokens, i, t.image.url);
          if (j >= 0) {
            const block = tokens[j] as Extract<InlineToken, { t: 'block' }>;
            const att = (block.block as Extract<Block, { kind: 'attachment' }>).attachment;
            w.block(attachmentHtml(att, t.image.url));
            i = j;
            break;
          }
        }
        w.inline(inlineHtml(t, ctx));
        break;
      case 'text':
        if (SPACES.test(t.raw)) w.blank(t.raw);
        else w.inline(inlineHtml(t, ctx));
        break;
      default:
        w.inline(inlineHtml(t, ctx));
    }
  }
}

/**
 * Index of the attachment caption block that belongs to the image at `i`: the next token
 * that is not a line end or blank text, when its URL is the image's (or it has none).
 */
function captionAfter(tokens: InlineToken[], i: number, url: string): number {
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.t === 'nl' || (t.t === 'text' && BLANK.test(t.raw))) continue;
    if (t.t !== 'block' || t.block.kind !== 'attachment') return -1;
    const own = t.block.attachment.url;
    return own === null || repairUrl(own) === url ? j : -1;
  }
  return -1;
}

const BLANK = /^[\s\u00a0]*$/;
/** ASCII blanks around tags ("</blockquote> ") make no paragraph of their own. */
const SPACES = /^[ \t]+$/;

/** Body HTML per block kind: exhaustive, so a new block kind without a renderer fails type-checking. */
const RENDERER_OF: { [K in Block['kind']]: (block: BlockOf<K>, ctx: RenderContext) => string } = {
  text: () => '', // text blocks are written token by token through the inline layer
  replyreload: () => '', // leaked script: junk
  'autoclose-css': () => '', // leaked stylesheet: junk
  // The auto-close time is thread metadata: the page shows it once, above the posts.
  notice: (b) => (b.notice.kind === 'auto-close' ? '' : noticeHtml(b.notice)),
  edit: (b) => editHtml(b.edit),
  rating: (b) => ratingHtml(b.rating),
  signature: (b, ctx) => signatureHtml(b.signature, ctx),
  attachment: (b) => attachmentHtml(b.attachment, null),
  // The block is the formhash debris; the poll's header and options follow as text.
  poll: (b, ctx) => (b.lines.length ? pollHtml(b.lines, ctx, renderLines) : ''),
};

const blockHtml = (b: Block, ctx: RenderContext) => (RENDERER_OF[b.kind] as (block: Block, ctx: RenderContext) => string)(b, ctx);
