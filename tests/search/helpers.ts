// Builds a search index straight from an archive (readArchive + ownText), without the site.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArchive } from '../../src/model/thread.ts';
import { ownText } from '../../src/model/own-text.ts';
import { IndexWriter } from '../../src/search/writer.ts';
import type { SearchPost, SearchThread } from '../../src/search/format.ts';
import type { Thread } from '../../src/types.ts';

export const threadKey = (t: Thread) => t.tid ?? t.files[0];

export const threadHead = (t: Thread): SearchThread => ({ key: threadKey(t), tid: t.tid, title: t.title, board: t.board });

export function threadDocs(t: Thread): SearchPost[] {
  const key = threadKey(t);
  return t.posts.map((p) => ({
    floor: p.floor, author: p.author, anonymous: p.anonymous,
    postedAt: p.postedAt, url: `t/${key}/${Math.ceil(p.floor / 50)}/#f${p.floor}`, text: ownText(p),
  }));
}

export async function indexArchive(archive: string, root: string, tmp: string, options: { fresh?: boolean } = {}) {
  const w = new IndexWriter(root, tmp, options);
  for (const t of readArchive(archive)) w.addThread(threadHead(t), threadDocs(t));
  return w.finish();
}

/** A temp folder removed when the test process exits. */
export function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `loulan-search-${prefix}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
