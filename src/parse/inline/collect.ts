// Post records from the inline tokens (docs/parsing.md P10, P11): quotes, smileys, images.
// Runs inside the parser on every post, so lines that cannot hold a record are not
// tokenized (see skip()).
import type { Diagnostic, Image, Post, Quote } from '../../types.ts';
import { decodeEntities } from '../../common/text.ts';
import { lineImages, tokenizeLine, type InlineToken } from './tokenize.ts';
import { classifyImage, repairUrl, type InlineImage } from './url.ts';

interface Open {
  quote: Quote;
  parts: string[];
}

const buf: InlineToken[] = [];
const images: InlineImage[] = [];

/** Fill post.quotes, post.smileys and post.images from the body; report unbalanced quotes. */
export function collectInline(post: Post, diagnostics?: Diagnostic[]): void {
  const stack: Open[] = [];
  post.quotes = [];
  post.smileys = [];
  post.images = [];
  let lastLine = post.source.lastLine;
  for (const b of post.blocks) {
    if (b.kind === 'attachment') {
      if (b.attachment.url !== null) attachmentImage(post, repairUrl(b.attachment.url));
      continue;
    }
    if (b.kind !== 'text') continue;
    lastLine = b.line + b.lines.length - 1;
    for (let i = 0; i < b.lines.length; i++) {
      const line = b.lines[i];
      const mode = modeOf(line, stack);
      if (mode === SKIP) continue;
      if (mode === IMAGES) {
        images.length = 0;
        lineImages(line, images);
        for (const image of images) record(post, image);
        continue;
      }
      buf.length = 0;
      tokenizeLine(line, buf, stack.length > 0 || line.indexOf('blockquote>') >= 0);
      for (const t of buf) {
        if (t.t === 'unquote') {
          const open = stack.pop();
          if (open) close(open);
          else report(post, diagnostics, 'stray-quote-close', b.line + i, '</blockquote> without an open quote is ignored');
        } else visit(post, t, stack);
      }
      if (stack.length) stack[stack.length - 1].parts.push('\n');
    }
  }
  if (stack.length) report(post, diagnostics, 'unclosed-quote', lastLine, `${stack.length} quote(s) left open are closed at the end of the post`);
  while (stack.length) close(stack.pop()!);
}

const SKIP = 0;
const IMAGES = 1;
const TOKENIZE = 2;

/**
 * How a line is read. Outside quotes: skipped unless it holds an image or a quote tag, and
 * with images only, read for images alone. Inside a quote, plain text lines (no tag, no
 * link) join the excerpt as they are.
 */
function modeOf(line: string, stack: Open[]): number {
  if (line.length === 0) {
    if (stack.length) stack[stack.length - 1].parts.push('\n');
    return SKIP;
  }
  if (line === 'image' || line.indexOf('⟦') >= 0) return TOKENIZE;
  if (line.indexOf('<') < 0) {
    if (stack.length === 0) return SKIP;
    if (line.indexOf('[') >= 0) return TOKENIZE;
    stack[stack.length - 1].parts.push(decodeEntities(line), '\n');
    return SKIP;
  }
  if (stack.length || line.indexOf('blockquote>') >= 0 || line.indexOf('<[') >= 0) return TOKENIZE;
  return line.indexOf('<img') >= 0 ? IMAGES : SKIP;
}

function report(post: Post, diagnostics: Diagnostic[] | undefined, code: string, line: number, message: string): void {
  diagnostics?.push({ file: post.source.file, line, level: 'info', code, message });
}

function visit(post: Post, t: InlineToken, stack: Open[]): void {
  const top = stack.length ? stack[stack.length - 1].parts : null;
  switch (t.t) {
    case 'quote': {
      const a = t.attr;
      const quote: Quote = { author: a?.author ?? null, postedAt: a?.postedAt ?? null, pid: a?.pid ?? null, ptid: a?.ptid ?? null, excerpt: '', targetFloor: null, url: a?.url ?? null };
      post.quotes.push(quote);
      stack.push({ quote, parts: [] });
      return;
    }
    case 'img':
      return record(post, t.image);
    case 'link':
      for (const c of t.children) visit(post, c, stack);
      return;
    case 'text':
    case 'url':
    case 'marker':
      top?.push(decodeEntities(t.raw));
      return;
  }
}

function record(post: Post, image: InlineImage): void {
  if (image.kind === 'smiley') post.smileys.push(image.smiley);
  else post.images.push({ kind: image.kind, url: image.url });
}

function close(open: Open): void {
  open.quote.excerpt = open.parts.join('').trim();
}

/** An attachment caption block that carries its image URL counts that image once. */
function attachmentImage(post: Post, url: string): void {
  const last: Image | undefined = post.images[post.images.length - 1];
  if (last?.url === url) return;
  const image = classifyImage(url);
  if (image && image.kind !== 'smiley') post.images.push({ kind: image.kind, url: image.url });
}
