// Polls (docs/format.md F10.9): the header, timer and options as a boxed block of lines; the
// formhash input is debris and is not shown.
import type { RenderContext } from './context.ts';

/** `lines` renders body lines (without quotes) through the body renderer. */
export function pollHtml(lines: string[], ctx: RenderContext, renderLines: (lines: string[], ctx: RenderContext) => string): string {
  return `<div class="poll">${renderLines(lines, ctx)}</div>`;
}
