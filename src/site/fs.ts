// File writes the build does itself: atomic (temp file in the same folder, then rename),
// so a reader or a crashed build never sees half a file.
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let counter = 0;
const tempOf = (path: string) => `${path}.${process.pid}.${++counter}.tmp`;

/** `dirMade`: the caller made the folder already (many files into one folder). */
export function writeAtomic(path: string, data: string | Uint8Array, dirMade = false): void {
  atomically(path, (tmp) => writeFileSync(tmp, data), dirMade);
}

export function copyAtomic(from: string, to: string): void {
  atomically(to, (tmp) => copyFileSync(from, tmp));
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
