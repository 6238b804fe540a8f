// Folder walks for the benchmarks.
import fs from 'node:fs';
import path from 'node:path';

const NOT_DUMPS = new Set(['MANIFEST.md', 'README.md', 'README.org']);

/** Dump files (.md, .txt) under root, sorted; manifests and READMEs left out. */
export function listDumps(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(md|txt)$/.test(e.name) && !NOT_DUMPS.has(e.name)) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

/** Every file under root with its size, mtime and inode, to see what a build wrote. */
export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(root)) return out;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = fs.statSync(p);
        out.set(p, `${st.size}:${st.mtimeMs}:${st.ino}`);
      }
    }
  };
  walk(root);
  return out;
}

/** Files added, removed or written (mtime or inode changed: rewritten or replaced) between two snapshots. */
export function changed(before: Map<string, string>, after: Map<string, string>): { written: number; added: number; removed: number } {
  let written = 0;
  let added = 0;
  for (const [p, v] of after) {
    const old = before.get(p);
    if (old === undefined) added++;
    else if (old !== v) written++;
  }
  let removed = 0;
  for (const p of before.keys()) if (!after.has(p)) removed++;
  return { written, added, removed };
}

export function treeBytes(root: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const v of snapshot(root).values()) {
    files++;
    bytes += Number(v.split(':')[0]);
  }
  return { files, bytes };
}
