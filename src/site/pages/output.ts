// A page or asset written into the site only when its bytes changed, so that an unchanged
// file keeps its mtime and inode (rsync and CDN uploads see only real changes).
import { readFileSync } from 'node:fs';
import { statOrNull, writeAtomic } from '../../common/fs.ts';

export interface OutputFile {
  /** Relative to out, "/" separated. */
  path: string;
  size: number;
  mtimeMs: number;
  written: boolean;
}

/** Write unless the file already holds exactly these bytes. */
export function writeIfChanged(file: string, path: string, content: string | Buffer): OutputFile {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  let st = statOrNull(file);
  const same = st !== null && st.size === data.length && readFileSync(file).equals(data);
  if (!same) st = writeAtomic(file, data);
  return { path, size: st!.size, mtimeMs: st!.mtimeMs, written: !same };
}

