// A post's body as one token stream: text lines tokenized in order, other blocks as
// `block` tokens, quotes balanced as a stack over the whole post (docs/parsing.md P10).
import type { Post } from '../../types.ts';
import { AUTO_UNQUOTE, NL, STRAY_UNQUOTE, tokenizeLine, type InlineToken } from './tokenize.ts';

/** Called for a `</blockquote>` with nothing open, and once for quotes left open at the end. */
export type QuoteIssue = (code: 'stray-quote-close' | 'unclosed-quote', line: number) => void;

/** Tokenize lines as one stream (nl after each line), balancing quotes. */
export function lineTokens(lines: string[], firstLine = 0, report?: QuoteIssue, out: InlineToken[] = []): InlineToken[] {
  const depth = balanceLines(lines, firstLine, 0, out, report);
  closeQuotes(depth, out, firstLine + lines.length - 1, report);
  return out;
}

/** The whole body of a post: text blocks tokenized, other blocks passed through. */
export function postTokens(post: Post, report?: QuoteIssue): InlineToken[] {
  const out: InlineToken[] = [];
  let depth = 0;
  let last = post.source.lastLine;
  for (const b of post.blocks) {
    if (b.kind === 'text') {
      depth = balanceLines(b.lines, b.line, depth, out, report);
      last = b.line + b.lines.length - 1;
    } else out.push({ t: 'block', block: b });
  }
  closeQuotes(depth, out, last, report);
  return out;
}

function balanceLines(lines: string[], firstLine: number, depth: number, out: InlineToken[], report?: QuoteIssue): number {
  for (let i = 0; i < lines.length; i++) {
    const from = out.length;
    tokenizeLine(lines[i], out);
    for (let k = from; k < out.length; k++) {
      const t = out[k];
      if (t.t === 'quote') depth++;
      else if (t.t === 'unquote') {
        if (depth > 0) depth--;
        else (out[k] = STRAY_UNQUOTE), report?.('stray-quote-close', firstLine + i);
      }
    }
    out.push(NL);
  }
  return depth;
}

function closeQuotes(depth: number, out: InlineToken[], line: number, report?: QuoteIssue): void {
  if (depth > 0) report?.('unclosed-quote', line);
  for (; depth > 0; depth--) out.push(AUTO_UNQUOTE);
}
