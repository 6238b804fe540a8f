// Smileys (docs/format.md F10.5): inline at text size; alt names the smiley as "[set/name]".
import type { Smiley } from '../types.ts';
import type { RenderContext } from './context.ts';
import { escAttr } from '../common/text.ts';

export function smileyHtml(s: Smiley, ctx: RenderContext): string {
  const alt = `[${s.set}/${s.name}]`;
  return `<img class="smiley" src="${escAttr(ctx.smileyUrl(s))}" alt="${escAttr(alt)}" title="${escAttr(alt)}" loading="lazy" decoding="async" />`;
}
