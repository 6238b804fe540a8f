// The build cache: per thread the stat signature and content hash of its files with the
// result of the last build (cacheDir/manifest.jsonl); per output file the hash of the data it
// was rendered from, with its size and mtime (cacheDir/outputs.json, which the no-change
// check reads too). A fingerprint of the code, templates, public
// files, Loulan version and build options guards the whole: when it changes, every thread
// and page is rebuilt (files whose bytes come out the same are still left untouched).
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, renameSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { asLeft, lineRanges, readLines, walkFiles, writeAtomic, writeAtomicChunks } from '../../common/fs.ts';
import { CODE, ROOT } from '../../common/package.ts';
import type { ThreadGroup } from '../../read/group.ts';
import type { CachedOutput, CrossLinks, Place, ThreadResult } from '../data/types.ts';

export const MANIFEST_VERSION = 3;
const MANIFEST = 'manifest.jsonl';
const OUTPUTS = 'outputs.json';

export interface CachedThread {
  /** "path:size:mtime|…" of the group's files: equal means unchanged without reading them. */
  sig: string;
  /** Content hash of the files (read/group.ts contentHash). */
  content: string;
  result: ThreadResult;
  /** The links to and from other threads this result was rendered with (build/cross.ts). */
  cross?: CrossLinks | null;
  /** Other threads' quotes of this one, as last looked up: the request and its answer. */
  incoming?: { request: string; places: Place[] };
}

/** A thread of this build: its URL key and result. */
export interface ThreadBuilt {
  key: string;
  result: ThreadResult;
  /** The result is the last build's (the thread did not change). */
  reused: boolean;
}

export type { CachedOutput } from '../data/types.ts';

export interface Manifest {
  version: number;
  fingerprint: string;
  threads: Record<string, CachedThread>;
  outputs: Record<string, CachedOutput>;
  /** Byte range of each thread's line in the file it was loaded from. */
  lines?: Map<string, [number, number]>;
}

/** What the cache depends on besides the archive: the code that runs (src/ or dist/), templates, assets, options. */
export function fingerprint(options: unknown, root = ROOT): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(options));
  for (const dir of [relative(ROOT, CODE), 'templates', 'public']) for (const f of walkFiles(join(root, dir))) h.update(relative(root, f)).update(readFileSync(f));
  for (const f of ['package.json', 'package-lock.json']) {
    try {
      h.update(f).update(readFileSync(join(root, f)));
    } catch {}
  }
  return h.digest('hex').slice(0, 32);
}


/**
 * The previous manifest; its threads only when the fingerprint matches. Threads are stored as
 * JSON lines (a head, then a line per thread) so that neither loading nor saving holds the
 * whole file as one string (≈ 35 MB at 2M posts), and an unchanged thread's line is copied.
 */
export function loadManifest(cacheDir: string, fp: string): Manifest {
  const outputs = loadOutputs(cacheDir);
  const m: Manifest = { version: MANIFEST_VERSION, fingerprint: fp, threads: {}, outputs: outputs ?? {}, lines: new Map() };
  // Without its outputs a thread's result cannot be trusted either (the author stage keeps pages by them).
  if (!outputs) return m;
  try {
    const lines = readLines(join(cacheDir, MANIFEST));
    const head = JSON.parse(lines.next().value?.[0] ?? 'null');
    if (head?.version !== MANIFEST_VERSION || head.fingerprint !== fp) return m;
    for (const [line, start, end] of lines) {
      const [, key, value] = JSON.parse(line);
      m.threads[key] = value;
      m.lines!.set(key, [start, end]);
    }
  } catch {
    return { ...m, threads: {}, lines: new Map() };
  }
  return m;
}

/**
 * The entries of a few threads, read before the whole manifest is (a rebuild starts their
 * builds meanwhile): each line's key is matched on its bytes, and only those lines are parsed.
 */
export function threadEntries(cacheDir: string, fp: string, keys: ReadonlySet<string>): Map<string, CachedThread> {
  const found = new Map<string, CachedThread>();
  if (keys.size === 0) return found;
  try {
    const bytes = readFileSync(join(cacheDir, MANIFEST));
    const ranges = lineRanges(bytes);
    const head = JSON.parse(bytes.toString('utf8', ...(ranges.next().value ?? [0, 0])) || 'null');
    if (head?.version !== MANIFEST_VERSION || head.fingerprint !== fp) return found;
    for (const [start, end] of ranges) {
      const quoted = /^\["t",("(?:[^"\\]|\\.)*"),/.exec(bytes.toString('utf8', start, Math.min(end, start + 200)))?.[1];
      const key = quoted === undefined ? null : JSON.parse(quoted);
      if (keys.has(key)) found.set(key, JSON.parse(bytes.toString('utf8', start, end))[2]);
    }
  } catch {
    found.clear(); // an unreadable manifest: the build finds out again and builds without it
  }
  return found;
}

/** The last build's outputs (path → [input hash, size, mtimeMs]); null when unreadable. */
export function loadOutputs(cacheDir: string): Record<string, CachedOutput> | null {
  try {
    const outputs = JSON.parse(readFileSync(join(cacheDir, OUTPUTS), 'utf8'));
    return outputs && typeof outputs === 'object' ? outputs : null;
  } catch {
    return null;
  }
}


/**
 * Every output file is as the last build left it. `part` of `parts`: only every parts-th file
 * from the part-th, in the list's order, so that a worker can stat one part while this thread
 * stats another.
 */
export function outputsAsLeft(outputs: Record<string, CachedOutput>, out: string, part = 0, parts = 1): boolean {
  let i = 0;
  for (const path in outputs) if (i++ % parts === part && !asLeft(`${out}/${path}`, outputs[path][1], outputs[path][2])) return false;
  return true;
}

/**
 * The manifest's thread lines, written now beside the manifest in place (a build lets the
 * results go once they are written); `commit` writes the outputs list and puts them in place.
 * `prev`: the manifest loaded from the file; a thread entry it still holds is copied from
 * there, not serialised again.
 */
export function saveThreads(cacheDir: string, m: Manifest, prev?: Manifest): { commit(outputs: Manifest['outputs']): void } {
  const file = join(cacheDir, MANIFEST);
  const next = `${file}.next`;
  let fd: number | null = null;
  try {
    fd = prev?.lines?.size ? openSync(file, 'r') : null;
  } catch {}
  try {
    const lineOf = (key: string, t: CachedThread) => (fd !== null && prev!.threads[key] === t ? prev!.lines!.get(key) : undefined);
    try {
      writeAtomicChunks(next, manifestLines(m, lineOf, (from, to) => readRange(fd!, from, to)));
    } catch (e) {
      if (fd === null) throw e;
      // The old file could not be copied from (cut short meanwhile): every entry is written anew.
      writeAtomicChunks(next, manifestLines(m, () => undefined, () => new Uint8Array()));
    }
  } finally {
    if (fd !== null) closeSync(fd);
  }
  return {
    commit(outputs) {
      writeAtomic(join(cacheDir, OUTPUTS), JSON.stringify(outputs));
      renameSync(next, file);
    },
  };
}

/** Bytes of the old manifest copied in one read at most. */
const COPY_RUN = 4 << 20;

/**
 * The head, then a line per thread. Kept entries are copied from the old file, and lines that
 * follow each other there (most of them: threads keep their order) are copied in one read.
 */
function* manifestLines(m: Manifest, lineOf: (key: string, t: CachedThread) => [number, number] | undefined, copy: (from: number, to: number) => Uint8Array): Generator<string | Uint8Array> {
  yield JSON.stringify({ version: m.version, fingerprint: m.fingerprint }) + '\n';
  let run: [number, number] | null = null;
  for (const [key, t] of Object.entries(m.threads)) {
    const line = lineOf(key, t);
    if (line && run && line[0] === run[1] + 1 && run[1] - run[0] < COPY_RUN) {
      run[1] = line[1];
      continue;
    }
    if (run) yield copy(...run);
    run = line ? [...line] : null;
    if (!line) yield JSON.stringify(['t', key, t]) + '\n';
  }
  if (run) yield copy(...run);
}

/** Bytes [from, to) of a file and a newline. */
function readRange(fd: number, from: number, to: number): Uint8Array {
  const bytes = Buffer.allocUnsafe(to - from + 1);
  for (let at = 0; at < to - from; ) {
    const n = readSync(fd, bytes, at, to - from - at, from + at);
    if (n === 0) throw new Error('the build cache manifest was cut short while it was copied');
    at += n;
  }
  bytes[to - from] = 10;
  return bytes;
}

/** Stat signature of a group's files, and their total size (for scheduling). */
export function statSig(group: ThreadGroup): { sig: string; bytes: number } {
  let bytes = 0;
  const parts = group.refs.map((r) => {
    try {
      const st = statSync(r.path);
      bytes += st.size;
      return `${r.path}:${st.size}:${st.mtimeMs}`;
    } catch {
      return `${r.path}:-`;
    }
  });
  return { sig: parts.join('|'), bytes };
}

export const hashOf = (...parts: string[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 24);
};

/** The output file is exactly as the manifest left it. */
export function untouched(file: string, entry: CachedOutput | undefined, hash: string): boolean {
  return entry !== undefined && entry[0] === hash && asLeft(file, entry[1], entry[2]);
}

/**
 * The last build's outputs, and which files are still as it left it. A small rebuild stats
 * the files it may keep ahead (statAhead), while its workers build the changed threads; a
 * file not statted ahead is statted when asked about.
 */
export class LastOutputs {
  /** Files statted ahead: path → as the last build left it. */
  #asLeft = new Map<string, boolean>();

  constructor(
    readonly out: string,
    readonly entries: Record<string, CachedOutput>,
  ) {}

  /** Stats the outputs `wanted`, a slice at a time: between slices the pool's messages are answered. */
  async statAhead(wanted: (path: string) => boolean): Promise<void> {
    let n = 0;
    for (const path in this.entries) {
      if (!wanted(path)) continue;
      const [, size, mtime] = this.entries[path];
      this.#asLeft.set(path, asLeft(`${this.out}/${path}`, size, mtime));
      if (++n % 4096 === 0) await new Promise(setImmediate);
    }
  }

  /** The output file at `path` was made from `hash` and is exactly as the last build left it. */
  untouched(path: string, hash: string): boolean {
    const entry = this.entries[path];
    if (!entry || entry[0] !== hash) return false;
    return this.#asLeft.get(path) ?? untouched(`${this.out}/${path}`, entry, hash);
  }
}

export const toPosix = (p: string) => p.split(sep).join('/');
