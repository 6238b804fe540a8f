// Inline tokens → HTML: text (entities decoded once, then escaped), links, bare URLs,
// smileys, images and in-quote markers. Post text is literal: no Markdown, no BBCode.
import type { InlineToken } from '../parse/inline.ts';
import { decodeEntities } from '../common/text.ts';
import type { RenderContext } from './context.ts';
import { escText } from '../common/text.ts';
import { externalLink } from './links.ts';
import { imageHtml } from './image.ts';
import { markerHtml } from './quote.ts';
import { smileyHtml } from './smiley.ts';

export const textHtml = (raw: string) => escText(decodeEntities(raw));

const BLANK = /^[\s\u00a0\u3000]*$/;
const isBlank = (t: InlineToken) => t.t === 'strong' || t.t === 'unstrong' || (t.t === 'text' && BLANK.test(decodeEntities(t.raw)));

/** HTML of an inline token; '' for tokens that are structure (nl, quotes, blocks, strong). */
export function inlineHtml(t: InlineToken, ctx: RenderContext): string {
  switch (t.t) {
    case 'text':
      return textHtml(t.raw);
    case 'url':
      return externalLink(t.href, textHtml(t.raw));
    case 'link': {
      const label = inlineRun(t.children, ctx);
      if (t.href === null) return label;
      // "[](url)" and "[ ](url)" still show where they go (and give the link a name).
      return externalLink(t.href, t.children.every(isBlank) ? escText(t.href) : label);
    }
    case 'img':
      return t.image.kind === 'smiley' ? smileyHtml(t.image.smiley, ctx) : imageHtml(t.image);
    case 'marker':
      return markerHtml(t.kind);
    default:
      return '';
  }
}

/** A run of inline tokens (link text, a signature line) with its <strong> balanced. */
export function inlineRun(tokens: InlineToken[], ctx: RenderContext): string {
  let h = '';
  let strong = 0;
  for (const t of tokens) {
    if (t.t === 'strong') (h += '<strong>'), strong++;
    else if (t.t === 'unstrong') strong > 0 && ((h += '</strong>'), strong--);
    else h += inlineHtml(t, ctx);
  }
  for (; strong > 0; strong--) h += '</strong>';
  return h;
}
