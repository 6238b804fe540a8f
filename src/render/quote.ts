// Quotes (docs/format.md F10.4): a block quote whose header "作者 发表于 时间" links to the
// quoted floor when it is resolved, else to the original post (nofollow); the excerpt
// follows as body text, its trailing " ..." kept.
import { isoToStamp } from '../parse/time.ts';
import type { Attribution, MarkerKind } from '../parse/inline.ts';
import type { Quote } from '../types.ts';
import type { RenderContext } from './context.ts';
import { decodeEntities, escAttr, escText } from '../common/text.ts';
import { externalLink, time } from './links.ts';

export const QUOTE_OPEN = '<blockquote class="quote">';
export const QUOTE_CLOSE = '</blockquote>';

/** The opening tag and the header of a quote. */
export function quoteOpenHtml(record: Quote | undefined, attr: Attribution | null, ctx: RenderContext): string {
  return QUOTE_OPEN + quoteHead(record, attr, ctx);
}

function quoteHead(record: Quote | undefined, attr: Attribution | null, ctx: RenderContext): string {
  const author = record?.author ?? attr?.author ?? null;
  if (author === null) return '';
  const iso = record?.postedAt ?? attr?.postedAt ?? null;
  const shown = attr?.time ?? (iso ? isoToStamp(iso) : '');
  const floor = record?.targetFloor ?? null;
  const cross = floor === null && record ? (ctx.crossHref?.(record) ?? null) : null;
  const href = floor === null ? (cross?.href ?? null) : ctx.floorHref(floor);
  // A name with an author page is its own link; the rest of the header links the post.
  const name = decodeEntities(author);
  const page = ctx.authorHref?.(name) ?? null;
  const who = page === null ? '' : `<a href="${escAttr(page)}" class="quote-author"><bdi>${escText(name)}</bdi></a> `;
  const where = cross ? `（<bdi>${escText(cross.title)}</bdi>）` : '';
  const label = `${page === null ? escText(author) + ' ' : ''}发表于 ${time(iso, shown)}${where}`;
  if (href !== null) return `<p class="quote-head">${who}<a href="${escAttr(href)}" class="floor-link">${label}</a></p>`;
  return `<p class="quote-head">${who}${externalLink(record?.url ?? attr?.url ?? null, label)}</p>`;
}

const MARKER: Record<MarkerKind, string> = {
  banned: '作者被禁止或删除 内容自动屏蔽',
  hidden: '本内容被作者隐藏',
};

/** `**** … ****` markers inside quotes, shown as notices. */
export function markerHtml(kind: MarkerKind): string {
  return `<span class="notice notice-${kind}">${MARKER[kind]}</span>`;
}
