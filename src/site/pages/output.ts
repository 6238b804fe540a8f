// A page or asset written into the site only when its bytes changed, so that an unchanged
// file keeps its mtime and inode (rsync and CDN uploads see only real changes).
import { partsOf, readInto, statOrNull, writeAtomic, type FileContent } from '../../common/fs.ts';

export interface OutputFile {
  /** Relative to out, "/" separated. */
  path: string;
  size: number;
  mtimeMs: number;
  written: boolean;
}

/**
 * Write unless the file already holds exactly these bytes. The old file is read and text
 * encoded into two buffers kept for every call: a full rebuild over an existing site compares
 * every page, and a page-sized buffer each was garbage outside the heap (peak RSS over 1 GiB).
 */
export function writeIfChanged(file: string, path: string, content: FileContent): OutputFile {
  let st = statOrNull(file);
  const same = st !== null && st.size === sizeOf(content) && fileHolds(file, typeof content === 'string' ? [encoded(content, st.size)] : partsOf(content));
  if (!same) st = writeAtomic(file, content);
  return { path, size: st!.size, mtimeMs: st!.mtimeMs, written: !same };
}

const sizeOf = (c: FileContent) => (typeof c === 'string' ? Buffer.byteLength(c) : partsOf(c).reduce((n, p) => n + p.length, 0));

const SCRATCH = 1 << 20;
let readBuf: Buffer | null = null;
let textBuf: Buffer | null = null;

/** Text of `size` bytes as UTF-8, in the kept buffer when it fits (valid until the next call). */
function encoded(text: string, size: number): Buffer {
  if (size > SCRATCH) return Buffer.from(text);
  textBuf ??= Buffer.allocUnsafe(SCRATCH);
  return textBuf.subarray(0, textBuf.write(text));
}

/**
 * The file's bytes are the parts one after another (their sizes add up to its size), read into
 * `into` (by default the kept buffer), or into a buffer of their own when larger.
 */
export function fileHolds(file: string, parts: readonly Uint8Array[], into: Buffer = (readBuf ??= Buffer.allocUnsafe(SCRATCH))): boolean {
  const bytes = readInto(file, into);
  let at = 0;
  for (const p of parts) {
    if (!bytes.subarray(at, at + p.length).equals(p)) return false;
    at += p.length;
  }
  return at === bytes.length;
}
