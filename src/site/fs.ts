// File writes the build does itself: atomic (temp file in the same folder, then rename),
// so a reader or a crashed build never sees half a file.
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let counter = 0;
const tempOf = (path: string) => `${path}.${process.pid}.${++counter}.tmp`;

/** `dirMade`: the caller made the folder already (many files into one folder). */
export function writeAtomic(path: string, data: string | Uint8Array, dirMade = false): void {
  if (!dirMade) mkdirSync(dirname(path), { recursive: true });
  const tmp = tempOf(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function copyAtomic(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  const tmp = tempOf(to);
  try {
    copyFileSync(from, tmp);
    renameSync(tmp, to);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Remove the temp files this process left under dir (workers share its pid): after Ctrl-C. */
export function removeTemps(dir: string): number {
  const mine = new RegExp(`\\.${process.pid}\\.\\d+\\.tmp$`);
  let removed = 0;
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (mine.test(e.name)) rmSync(p, { force: true }), removed++;
    }
  };
  walk(dir);
  return removed;
}
