// DumpFile → bytes, construct by construct (docs/parsing.md P14): each block prints itself.
import type { DumpFile, Post } from '../types.ts';
import { encode } from './decode.ts';
import { printAuthor, printHeader } from './header.ts';
import { joinLines } from './lines.ts';
import { PRINTERS } from './rules/index.ts';

export function printPost(post: Post, out: string[]): void {
  const l = post.layout;
  // A glued separator ends the line printed before it; a post printed alone has none.
  if (l.glued && out.length) out[out.length - 1] += l.separator;
  else out.push(l.separator);
  out.push('');
  out.push(l.authorRaw ?? printAuthor(post.author, post.deleted, l.authorLead, l.authorTrail));
  out.push(l.headerRaw ?? printHeader(post, l));
  for (let i = 0; i < l.leadingBlank; i++) out.push('');
  let prefix = '';
  for (const block of post.blocks) {
    const lines: string[] = [];
    PRINTERS[block.kind]!(block, lines);
    // A block printing an unterminated prefix (replyreload) joins the next line.
    if (block.kind === 'replyreload') {
      prefix += lines.join('');
      continue;
    }
    if (prefix && lines.length) (lines[0] = prefix + lines[0]), (prefix = '');
    for (const x of lines) out.push(x);
  }
  if (prefix) out.push(prefix);
  for (let i = 0; i < l.trailingBlank; i++) out.push('');
}

export function printDumpText(file: DumpFile): string {
  const lines = [...file.preamble];
  for (const post of file.posts) printPost(post, lines);
  return joinLines({ lines, eol: file.eol, finalEol: file.finalEol });
}

export function printDump(file: DumpFile): Buffer {
  return encode(printDumpText(file), file.encoding, file.bom, file.byteLines);
}
