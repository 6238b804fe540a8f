// Thread groups → merged threads, one thread at a time (docs/parsing.md P12, docs/decisions.md
// D1, D2, D11, D12).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Diagnostic, DumpFile, Post, Thread } from '../types.ts';
import { parseDump } from '../parse/dump.ts';
import { listDumps, type DumpRef, type ListOptions } from '../read/list.ts';
import { PAGE_FLOORS, PART_FLOORS } from '../read/names.ts';
import { inferTitle } from '../read/infer.ts';
import { groupThreads, type ThreadGroup } from '../read/group.ts';
import { mergePosts, type FilePosts } from './merge.ts';

export interface ReadOptions {
  /** Sees every file as read and parsed (e.g. to check its round-trip); bytes are null when unreadable. */
  onFile?: (ref: DumpRef, bytes: Buffer | null, file: DumpFile | null) => void;
  /** Bytes of a file already read by the caller (e.g. to hash it); the file is read otherwise. */
  bytesOf?: (ref: DumpRef) => Buffer | undefined;
}

/** Parse the group's files one after the other and merge them into one thread. */
export function readThread(group: ThreadGroup, options: ReadOptions = {}): Thread {
  const diagnostics: Diagnostic[] = [];
  const files: FilePosts[] = [];
  const used: DumpRef[] = [];
  const latest = new Map<DumpRef, number>();
  for (const ref of group.refs) {
    diagnostics.push(...ref.diagnostics);
    const file = readOne(ref, diagnostics, options);
    if (!file || file.foreign) continue; // reported, never half-parsed (docs/decisions.md D12)
    used.push(ref);
    files.push({ path: ref.path, posts: file.posts, range: rangeOf(ref) });
    latest.set(ref, latestTime(file.posts));
  }
  const merged = mergePosts(files.length ? files : [{ path: group.refs[0].path, posts: [], range: null }]);
  diagnostics.push(...merged.diagnostics);
  const current = currentCopy(used, latest) ?? group.refs[group.refs.length - 1];
  const thread: Thread = {
    tid: group.tid,
    title: current.title || inferTitle(merged.posts) || (group.tid ? `#${group.tid}` : basename(current.path)),
    board: current.board,
    inaccessible: group.refs.some((r) => r.inaccessible),
    files: used.map((r) => r.path),
    posts: merged.posts,
    starter: starterOf(files, used.indexOf(current)),
    closesAt: closesAt(merged.posts),
    url: group.refs.find((r) => r.url)?.url ?? null,
    stats: merged.stats,
    diagnostics,
  };
  reportCopies(group.refs, thread, diagnostics);
  return thread;
}

/** Threads of an archive, one at a time: only the listing (names) is held for the whole run. */
export function* readArchive(path: string, options: ReadOptions & ListOptions = {}): Generator<Thread> {
  for (const group of groupThreads(listDumps(path, options))) yield readThread(group, options);
}

function readOne(ref: DumpRef, diagnostics: Diagnostic[], options: ReadOptions): DumpFile | null {
  let bytes: Buffer;
  try {
    bytes = options.bytesOf?.(ref) ?? readFileSync(ref.path);
  } catch (e) {
    diagnostics.push({ file: ref.path, line: 0, level: 'error', code: 'unreadable', message: (e as Error).message });
    options.onFile?.(ref, null, null);
    return null;
  }
  const file = parseDump(bytes, ref.path);
  diagnostics.push(...file.diagnostics);
  options.onFile?.(ref, bytes, file);
  return file;
}

function rangeOf(ref: DumpRef): [number, number] | null {
  if (ref.firstFloor === null) return null;
  const size = ref.part !== null ? PART_FLOORS : (ref.pages![1] - ref.pages![0] + 1) * PAGE_FLOORS;
  return [ref.firstFloor, ref.firstFloor + size - 1];
}

function latestTime(posts: Post[]): number {
  let t = -Infinity;
  for (const p of posts) if (p.postedAt) t = Math.max(t, Date.parse(p.postedAt));
  return t;
}

/** docs/decisions.md D2/D11: the copy holding the latest post time is current (a later file wins a tie). */
function currentCopy(refs: DumpRef[], latest: Map<DumpRef, number>): DumpRef | null {
  let best: DumpRef | null = null;
  for (const r of refs) if (best === null || latest.get(r)! >= latest.get(best)!) best = r;
  return best;
}

/** The opening post's author, preferring the current copy; else an author marked 楼主|. */
function starterOf(files: FilePosts[], current: number): string | null {
  const order = current >= 0 ? [files[current], ...files.filter((_, i) => i !== current)] : files;
  for (const f of order) for (const p of f.posts) if (p.opening && !p.anonymous) return p.author;
  for (const f of order) for (const p of f.posts) if (p.isOp && !p.anonymous) return p.author;
  return null;
}

const AUTO_CLOSE = /^此帖将于(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2})自动关闭$/;

/** docs/format.md F10.2: the auto-close notice of the opening post is thread metadata. */
function closesAt(posts: Post[]): string | null {
  const op = posts.find((p) => p.opening);
  if (!op) return null;
  const notice = op.notices.find((n) => n.kind === 'auto-close');
  if (notice?.value) return notice.value;
  for (const b of op.blocks) {
    if (b.kind !== 'text') continue;
    for (const line of b.lines) {
      const m = AUTO_CLOSE.exec(line);
      if (m) return `${m[1]}-${pad(m[2])}-${pad(m[3])}T${pad(m[4])}:${m[5]}:00+08:00`;
    }
  }
  return null;
}

const pad = (s: string) => s.padStart(2, '0');

function reportCopies(refs: DumpRef[], thread: Thread, diagnostics: Diagnostic[]): void {
  const at = { file: refs[0].path, line: 1, level: 'info' as const };
  const titles = [...new Set(refs.map((r) => r.title).filter(Boolean))];
  if (titles.length > 1) diagnostics.push({ ...at, code: 'thread-renamed', message: `titles ${titles.map((t) => `「${t}」`).join(', ')}; current: 「${thread.title}」` });
  const boards = [...new Set(refs.map((r) => r.board))];
  if (boards.length > 1) diagnostics.push({ ...at, code: 'thread-moved', message: `boards ${boards.join(', ')}; current: ${thread.board}` });
  if (thread.inaccessible && refs.some((r) => !r.inaccessible)) {
    diagnostics.push({ ...at, code: 'inaccessible-copy', message: `copies both in ${refs.find((r) => r.inaccessible)!.rel.split('/').slice(0, -1).join('/')} and elsewhere` });
  }
}
