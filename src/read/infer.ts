// tid and title of a dump whose name carries neither (docs/format.md F3.5, docs/decisions.md D3).
import type { DumpFile, Post } from '../types.ts';
import { decodeEntities } from '../common/text.ts';

const PTID = /[?&](?:amp;)*ptid=(\d+)/g;
export const TITLE_LENGTH = 40;

/** The most frequent `ptid` of the file's quote links (first seen wins a tie), or null. */
export function inferTid(file: DumpFile): string | null {
  const counts = new Map<string, number>();
  const add = (ptid: string) => /^[1-9]\d{0,15}$/.test(ptid) && counts.set(ptid, (counts.get(ptid) ?? 0) + 1);
  for (const post of file.posts) for (const q of post.quotes) if (q.ptid) add(q.ptid);
  if (counts.size === 0) {
    // Quotes not scanned (or none): read the link parameters from the raw text.
    for (const post of file.posts) for (const m of post.body.matchAll(PTID)) if (post.body.includes('findpost')) add(m[1]);
  }
  let best: string | null = null;
  let most = 0;
  for (const [ptid, n] of counts) if (n > most) (best = ptid), (most = n);
  return best;
}

/** The opening post's first line of real text, cut to 40 characters; null when none. */
export function inferTitle(posts: Post[]): string | null {
  const op = posts.find((p) => p.opening);
  if (!op) return null;
  for (const line of bodyLines(op)) {
    const text = realText(line);
    if (text) return Array.from(text).slice(0, TITLE_LENGTH).join('');
  }
  return null;
}

function bodyLines(post: Post): string[] {
  const lines: string[] = [];
  for (const b of post.blocks) if (b.kind === 'text') lines.push(...b.lines);
  return lines;
}

/** Lines that are layout, boilerplate or bare links are not a title (docs/format.md F10.1–F10.3, F10.12). */
const NOT_TEXT = [
  /^\.cronclosethread_getbox\{/, // leaked auto-close CSS
  /^此帖将于\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}自动关闭$/,
  /^ ?本帖最后由 .+ 于 .+ 编辑 ?$/,
  /^replyreload \+= /,
  /^提示: /,
  /如果您要查看本帖隐藏内容请回复$/,
  /本帖隐藏的内容需要积分高于/,
  /^image$/,
  /^⟦尺寸过大图片/,
  /<\/?blockquote>/, // a quotation is someone else's text
  /^(?:编辑|作者|来源|责编|撰文|出处|转自|原文|文)[：:]\s*\S{1,20}$/, // credit line of a pasted article
];

function realText(line: string): string {
  if (NOT_TEXT.some((re) => re.test(line))) return '';
  const text = decodeEntities(
    line
      .replace(/<[^>]*>/g, '') // tags (images, links)
      .replace(/\[([^\]]*)\]\((?:https?:\/\/)[^)]*\)/g, (_, t: string) => (/^https?:\/\//.test(t) ? '' : t))
      .replace(/\b(?:https?:\/\/|www\.)\S+/g, ''), // bare URLs
  );
  return text.replace(/\s+/g, ' ').replace(/^ | $/g, '');
}
