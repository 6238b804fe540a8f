// Images other than smileys (docs/format.md F10.6, docs/parsing.md P11). Remote images load
// lazily, without referrer (a page-level rule: sanitize.ts IMG_SET); data URIs and missing
// images become visible placeholders, never a src.
import type { InlineImage, PlaceholderWhy } from '../parse/inline.ts';
import { escAttr } from '../common/text.ts';
import { safeUrl } from './links.ts';

const PLACEHOLDER: Record<PlaceholderWhy | 'data', string> = {
  missing: '图片缺失',
  oversize: '尺寸过大图片，请至原链接查看',
  broken: '图片地址无效',
  data: '内嵌图片未显示',
};

export function placeholderHtml(why: PlaceholderWhy | 'data'): string {
  return `<span class="image-placeholder">[${PLACEHOLDER[why]}]</span>`;
}

/** `<img>` for a remote image URL, or a placeholder when the URL is unusable. */
export function remoteImg(url: string, alt: string, cls: string): string {
  const src = safeUrl(url);
  if (src === null) return placeholderHtml('broken');
  return `<img class="${cls}" src="${escAttr(src)}" alt="${escAttr(alt)}" loading="lazy" decoding="async" />`;
}

/** Inline HTML of a non-smiley image. */
export function imageHtml(image: Exclude<InlineImage, { kind: 'smiley' }>): string {
  switch (image.kind) {
    case 'placeholder':
      return placeholderHtml(image.why);
    case 'data':
      return placeholderHtml('data');
    case 'decoration':
      return remoteImg(image.url, '', 'decoration');
    default:
      return remoteImg(image.url, '图片', 'image');
  }
}
