// A page or asset written into the site only when its bytes changed, so that an unchanged
// file keeps its mtime and inode (rsync and CDN uploads see only real changes).
import { readFileSync } from 'node:fs';
import { partsOf, statOrNull, writeAtomic, type FileContent } from '../../common/fs.ts';

export interface OutputFile {
  /** Relative to out, "/" separated. */
  path: string;
  size: number;
  mtimeMs: number;
  written: boolean;
}

/** Write unless the file already holds exactly these bytes (text is encoded only to compare). */
export function writeIfChanged(file: string, path: string, content: FileContent): OutputFile {
  let st = statOrNull(file);
  const same = st !== null && st.size === sizeOf(content) && holds(readFileSync(file), typeof content === 'string' ? [Buffer.from(content)] : partsOf(content));
  if (!same) st = writeAtomic(file, content);
  return { path, size: st!.size, mtimeMs: st!.mtimeMs, written: !same };
}

const sizeOf = (c: FileContent) => (typeof c === 'string' ? Buffer.byteLength(c) : partsOf(c).reduce((n, p) => n + p.length, 0));

/** The file's bytes are the parts one after another (their sizes add up to its size). */
function holds(bytes: Buffer, parts: readonly Uint8Array[]): boolean {
  let at = 0;
  for (const p of parts) {
    if (!bytes.subarray(at, at + p.length).equals(p)) return false;
    at += p.length;
  }
  return true;
}
