// File-system helpers every stage shares. Writes are atomic (temp file in the same folder,
// then rename), so a reader or a crashed build never sees half a file. Imports nothing.
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';

let counter = 0;
const tempOf = (path: string) => `${path}.${process.pid}.${++counter}.tmp`;

/** A file's content: text (written as UTF-8), bytes, or byte parts written one after another. */
export type FileContent = string | Uint8Array | readonly Uint8Array[];

/** Bytes or byte parts, as parts. */
export const partsOf = (c: Uint8Array | readonly Uint8Array[]): readonly Uint8Array[] => (c instanceof Uint8Array ? [c] : c);

/**
 * `dirMade`: the caller made the folder already (many files into one folder). Returns the
 * file's stats, taken before the rename (which keeps size and mtime): no second stat. Text
 * goes to Node's native UTF-8 write, never through a Buffer of its own.
 */
export function writeAtomic(path: string, data: FileContent, dirMade = false): Stats {
  let st: Stats | null = null;
  atomically(
    path,
    (tmp) => {
      const fd = openSync(tmp, 'w');
      try {
        if (typeof data === 'string') writeFileSync(fd, data);
        else for (const part of partsOf(data)) for (let at = 0; at < part.length; ) at += writeSync(fd, part, at);
        st = fstatSync(fd);
      } finally {
        closeSync(fd);
      }
    },
    dirMade,
  );
  return st!;
}

/** The file has this size and mtime (as a build left it). */
export function asLeft(file: string, size: number, mtimeMs: number): boolean {
  try {
    const st = statSync(file);
    return st.size === size && st.mtimeMs === mtimeMs;
  } catch {
    return false;
  }
}

/** Bytes of a file read into `into` when it is large enough (else a new buffer): valid until `into` is reused. */
export function readInto(path: string, into: Buffer): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = size <= into.length ? into : Buffer.allocUnsafe(size);
    let at = 0;
    for (let n; at < size && (n = readSync(fd, buf, at, size - at, at)) > 0; ) at += n;
    return buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** Write text and bytes piece by piece (a large cache file never becomes one string), atomically. */
export function writeAtomicChunks(path: string, chunks: Iterable<string | Uint8Array>): void {
  atomically(path, (tmp) => {
    const fd = openSync(tmp, 'w');
    try {
      let text: string[] = [];
      let size = 0;
      const flush = () => {
        if (text.length) writeSync(fd, text.join(''));
        (text = []), (size = 0);
      };
      for (const c of chunks) {
        if (typeof c !== 'string') flush(), writeSync(fd, c);
        else if (text.push(c), (size += c.length) >= 1 << 20) flush();
      }
      flush();
    } finally {
      closeSync(fd);
    }
  });
}

/** Each line of a file with its byte range, without the whole file ever being one string. */
export function* readLines(path: string): Generator<[line: string, start: number, end: number]> {
  const bytes = readFileSync(path);
  for (const [start, end] of lineRanges(bytes)) yield [bytes.toString('utf8', start, end), start, end];
}

/** The byte range [start, end) of each non-empty line, its newline left out. */
export function* lineRanges(bytes: Buffer): Generator<[start: number, end: number]> {
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    if (end > start) yield [start, end];
    start = end + 1;
  }
}

/** Fill a temp file beside `path`, then rename it into place; never leave the temp behind. */
function atomically(path: string, fill: (tmp: string) => void, dirMade = false): void {
  if (!dirMade) mkdirSync(dirname(path), { recursive: true });
  const tmp = tempOf(path);
  try {
    fill(tmp);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Remove the temp files this process left under dir (workers share its pid): after Ctrl-C. */
export function removeTemps(dir: string): number {
  const mine = new RegExp(`\\.${process.pid}\\.\\d+\\.tmp$`);
  let removed = 0;
  for (const p of walkFiles(dir)) if (mine.test(p)) rmSync(p, { force: true }), removed++;
  return removed;
}

/** Every regular file below dir, in name order; unreadable folders are passed over. */
export function* walkFiles(dir: string): Generator<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walkFiles(p);
    else if (e.isFile()) yield p;
  }
}

export function statOrNull(path: string): Stats | null {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null; // a missing file (a cold build's every page) throws nothing
  } catch {
    return null;
  }
}
