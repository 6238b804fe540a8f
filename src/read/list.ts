// Archive listing: a dump file or a folder → dump references, one at a time, in a deterministic
// order (docs/format.md F3, docs/parsing.md P4). Only names and small sidecars are read here;
// opaque files without a sidecar are parsed once to recover tid and title (docs/decisions.md D3).
import { closeSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Diagnostic } from '../types.ts';
import { parseDump } from '../parse/dump.ts';
import { inferTid, inferTitle } from './infer.ts';
import {
  INACCESSIBLE,
  compareNames,
  firstFloorOf,
  isDumpExtension,
  isYearFolder,
  parseFileName,
  parseFolderName,
  type NameLayout,
} from './names.ts';
import { decodeEntities } from '../common/text.ts';

/** One dump file of an archive, as its path and sidecar describe it. */
export interface DumpRef {
  /** Path to read, built from the path the user gave. */
  path: string;
  /** Path relative to the listed root, '/'-separated. */
  rel: string;
  /** 0-based position in listing order: the file order of merges. */
  order: number;
  layout: NameLayout;
  board: string;
  tid: string | null;
  part: number | null;
  pages: [number, number] | null;
  /** First floor the name's part or page range promises. */
  firstFloor: number | null;
  /** Title for display: entities decoded once. */
  title: string;
  /** Title as written in the name (or sidecar), for paths. */
  rawTitle: string;
  titleSource: 'name' | 'folder' | 'meta' | 'text' | 'none';
  inaccessible: boolean;
  url: string | null;
  /** Sidecar `<file name>.meta.json`, when present. */
  meta: string | null;
  diagnostics: Diagnostic[];
}

export interface ListOptions {
  /** Called for every file that is not a dump (README, .json, scripts …). */
  onIgnored?: (path: string, reason: string) => void;
  /** Called for a folder that cannot be listed; the walk goes on without it. */
  onUnreadable?: (path: string, reason: string) => void;
}

export const UNSORTED_BOARD = '未分类';
const SIDECAR = '.meta.json';
const SNIFF_BYTES = 64 * 1024;
/** A post boundary near the start of a file (docs/parsing.md P5), for opaque names. */
const BOUNDARY = /(?:^|\n)\ufeff?(?:\*{5}|-{5})\r?\n\r?\n#### [^\n]*\n##### \d+#/;
// Tool folders, never archive content. Other dot-names are walked: a board may be named anything.
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.cache']);

/** List the dumps under `root` (a folder or one file), walking one folder at a time. */
export function* listDumps(root: string, options: ListOptions = {}): Generator<DumpRef> {
  const st = statSync(root); // throws ENOENT/EACCES: the caller reports a usage error
  const counter = { order: 0 };
  if (st.isDirectory()) {
    yield* walk(root, [], resolve(root), counter, options, new Set([realpathSync(root)]));
  } else {
    const ref = makeRef(root, basename(root), [], resolve(dirname(root)), new Set(siblings(dirname(root))), counter, options);
    if (ref) yield ref;
  }
}

function* walk(dir: string, rel: string[], absRoot: string, counter: { order: number }, options: ListOptions, seen: Set<string>): Generator<DumpRef> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name));
  } catch (e) {
    return void options.onUnreadable?.(dir, (e as Error).message);
  }
  const names = new Set(entries.map((e) => e.name));
  for (const e of entries) {
    if (SKIP_DIRS.has(e.name) && e.isDirectory()) continue;
    const path = join(dir, e.name);
    if (e.isDirectory() || (e.isSymbolicLink() && isFolder(path))) {
      const real = realpathSync(path);
      if (seen.has(real)) continue; // a symlink loop or a folder linked twice
      seen.add(real);
      yield* walk(path, [...rel, e.name], absRoot, counter, options, seen);
    } else {
      const ref = makeRef(path, e.name, rel, absRoot, names, counter, options);
      if (ref) yield ref;
    }
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a broken link: listed as a file, reported when read
  }
}

function siblings(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function makeRef(
  path: string,
  name: string,
  relDirs: string[],
  absRoot: string,
  dirNames: Set<string>,
  counter: { order: number },
  options: ListOptions,
): DumpRef | null {
  if (!isDumpExtension(name)) {
    if (!name.endsWith(SIDECAR)) options.onIgnored?.(path, 'not a .md or .txt file');
    return null;
  }
  const info = parseFileName(name);
  const meta = dirNames.has(name + SIDECAR) ? join(dirname(path), name + SIDECAR) : null;
  if (info.layout === 'opaque' && !meta && !looksLikeDump(path)) {
    options.onIgnored?.(path, 'no post separator near the start');
    return null;
  }
  const folder = threadFolder(relDirs, absRoot);
  const ref: DumpRef = {
    path,
    rel: [...relDirs, name].join('/'),
    order: counter.order++,
    layout: info.layout,
    board: boardOf(relDirs, absRoot, info.layout === 'opaque'),
    tid: info.tid ?? folder?.tid ?? null,
    part: info.part,
    pages: info.pages,
    firstFloor: firstFloorOf(info),
    title: '',
    rawTitle: info.rawTitle,
    titleSource: info.rawTitle ? 'name' : 'none',
    inaccessible: relDirs.includes(INACCESSIBLE) || absRoot.split(sep).includes(INACCESSIBLE),
    url: null,
    meta,
    diagnostics: [],
  };
  if (!ref.rawTitle && folder?.rawTitle) (ref.rawTitle = folder.rawTitle), (ref.titleSource = 'folder');
  if (info.layout !== 'opaque' && !info.rawTitle) {
    const how = ref.titleSource === 'folder' ? 'the folder title is used' : 'the title comes from the opening post';
    const level = ref.titleSource === 'folder' ? 'info' : 'warning';
    ref.diagnostics.push({ file: path, line: 1, level, code: 'untitled-name', message: `file name carries no title; ${how}` });
  }
  if (meta) applySidecar(ref, meta);
  if (ref.layout === 'opaque' && (ref.tid === null || ref.titleSource === 'none')) inferFromText(ref);
  ref.title = ref.titleSource === 'text' || ref.titleSource === 'meta' ? ref.rawTitle : decodeEntities(ref.rawTitle);
  return ref;
}

/** Board = first folder under the root (archive-year roots like `2020/` skipped). */
function boardOf(relDirs: string[], absRoot: string, opaque: boolean): string {
  const dirs = relDirs.slice();
  while (dirs.length && isYearFolder(dirs[0])) dirs.shift();
  if (dirs.length && isBoardName(dirs[0])) return dirs[0];
  if (opaque) return dirs.length ? dirs[0] : UNSORTED_BOARD;
  // The root itself lies inside a board (a board, thread or 0无法访问 folder was given).
  const up = absRoot.split(sep).filter(Boolean);
  for (let i = up.length - 1; i >= 0; i--) if (isBoardName(up[i]) && !isYearFolder(up[i])) return up[i];
  return UNSORTED_BOARD;
}

const isBoardName = (name: string) => name !== INACCESSIBLE && parseFolderName(name) === null;

/** The innermost per-thread folder on the path, if any. */
function threadFolder(relDirs: string[], absRoot: string): { tid: string; rawTitle: string } | null {
  const all = [basename(absRoot), ...relDirs];
  for (let i = all.length - 1; i >= 0; i--) {
    const f = parseFolderName(all[i]);
    if (f) return f;
  }
  return null;
}

function looksLikeDump(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return BOUNDARY.test(buf.toString('utf8', 0, n));
  } catch {
    return true; // unreadable: let the reader report it
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `<file name>.meta.json`: {title?, board?, tid?, url?} written by the archivist. */
function applySidecar(ref: DumpRef, meta: string): void {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(meta, 'utf8'));
  } catch (e) {
    ref.diagnostics.push({ file: meta, line: 1, level: 'warning', code: 'bad-sidecar', message: `sidecar ignored: ${(e as Error).message}` });
    return;
  }
  if (typeof data !== 'object' || data === null) return;
  const m = data as Record<string, unknown>;
  if (typeof m.title === 'string' && m.title) (ref.rawTitle = m.title), (ref.titleSource = 'meta');
  if (typeof m.board === 'string' && m.board) ref.board = m.board;
  if (typeof m.tid === 'string' && /^[1-9]\d{0,15}$/.test(m.tid)) ref.tid = m.tid;
  else if (typeof m.tid === 'number' && Number.isSafeInteger(m.tid) && m.tid > 0) ref.tid = String(m.tid);
  else if (m.tid !== undefined && m.tid !== null) ref.diagnostics.push({ file: meta, line: 1, level: 'warning', code: 'bad-sidecar', message: `tid ${JSON.stringify(m.tid)} is not a thread id; ignored` });
  if (typeof m.url === 'string' && m.url) ref.url = m.url;
}

/** Opaque names: tid from the quote links, title from the opening post (docs/format.md F3.5, docs/decisions.md D3). */
function inferFromText(ref: DumpRef): void {
  let bytes: Buffer;
  try {
    bytes = readFileSync(ref.path);
  } catch {
    return; // the reader reports unreadable files
  }
  const file = parseDump(bytes, ref.path);
  if (ref.tid === null) {
    ref.tid = inferTid(file);
    const how = ref.tid ? `tid ${ref.tid} taken from its quote links` : 'no tid: the file has no quote links';
    ref.diagnostics.push({ file: ref.path, line: 1, level: ref.tid ? 'info' : 'warning', code: 'opaque-name', message: `file name carries no tid or title; ${how}` });
  }
  if (ref.titleSource === 'none') {
    const title = inferTitle(file.posts);
    if (title) (ref.rawTitle = title), (ref.titleSource = 'text');
  }
}
