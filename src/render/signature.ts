// Client signatures (docs/format.md F10.11): the line as shown, dimmed; its link stays a link.
import type { Signature } from '../types.ts';
import { tokenizeLine, type InlineToken } from '../parse/inline.ts';
import type { RenderContext } from './context.ts';
import { inlineRun } from './text.ts';

export function signatureHtml(s: Signature, ctx: RenderContext): string {
  const tokens: InlineToken[] = [];
  tokenizeLine(s.text, tokens);
  return `<p class="signature">${inlineRun(tokens, ctx)}</p>`;
}
