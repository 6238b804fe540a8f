// `loulan export <path> --out FILE`: JSON Lines, one thread per line, quotes resolved.
// Threads are read, written and dropped one at a time, so memory stays bounded.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Post, Thread } from '../types.ts';
import { archivePath, EXIT, Output, UsageError, type Command } from './command.ts';
import { readArchive } from '../model/thread.ts';
import { resolveQuotes } from '../model/quotes.ts';

export const command: Command = {
  usage: 'loulan export <path> [--out FILE]',
  help: `Read every thread under <path> (one dump file or a folder) and write it as JSON Lines,
one thread per line:

  {"thread":{"tid","title","board","files",…},"posts":[…],"diagnostics":[…]}

Files of one tid are merged into one thread (duplicates dropped, parts in order), and
each quote's targetFloor is the quoted floor when it resolves, else null. Threads without
any post (foreign or empty files) are not written; \`loulan check\` reports them.

options:
  --out FILE, -o FILE   where to write; "-" (the default) is standard output`,
  options: { out: { type: 'string', short: 'o' } },
  async run({ positionals, values, io }) {
    const path = await archivePath(positionals);
    const target = typeof values.out === 'string' ? values.out : '-';
    const stream = target === '-' ? io.out : await openOut(target);
    const out = new Output(stream);
    for (const thread of readArchive(path)) {
      if (out.broken) break; // the reader has gone
      if (thread.posts.length === 0) continue;
      resolveQuotes(thread);
      await out.write(JSON.stringify(exportThread(thread)) + '\n');
    }
    if (stream !== io.out) {
      stream.end();
      await once(stream, 'close');
    }
    return EXIT.ok;
  },
};

async function openOut(file: string): Promise<Writable> {
  const stream = createWriteStream(file);
  try {
    await once(stream, 'open');
  } catch (e) {
    throw new UsageError(`cannot write '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return stream;
}

/** The exported shape of a thread (targetFloor must already be resolved). */
export function exportThread(thread: Thread) {
  return {
    thread: {
      tid: thread.tid,
      title: thread.title,
      board: thread.board,
      files: thread.files,
      inaccessible: thread.inaccessible,
      starter: thread.starter,
      closesAt: thread.closesAt,
      url: thread.url,
      stats: thread.stats,
    },
    posts: thread.posts.map(exportPost),
    diagnostics: thread.diagnostics,
  };
}

export function exportPost(p: Post) {
  return {
    floor: p.floor,
    author: p.author,
    isOp: p.isOp,
    anonymous: p.anonymous,
    deleted: p.deleted,
    postedAt: p.postedAt,
    edited: p.edited ? { by: p.edited.by, at: p.edited.at } : null,
    quotes: p.quotes.map((q) => ({ author: q.author, postedAt: q.postedAt, pid: q.pid, ptid: q.ptid, excerpt: q.excerpt, targetFloor: q.targetFloor })),
    ratings: p.rating ? { participants: p.rating.participants, total: p.rating.total, rows: p.rating.rows.map((r) => ({ user: r.user, score: r.score, reason: r.reason })) } : null,
    attachments: p.attachments,
    smileys: p.smileys.map((s) => ({ set: s.set, name: s.name, url: s.url })),
    images: p.images,
    signature: p.signature,
    notices: p.notices,
    poll: p.poll,
    body: p.body,
    source: { file: p.source.file, line: p.source.firstLine },
  };
}
