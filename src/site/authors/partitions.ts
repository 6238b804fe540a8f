// Author partitions: every post record of the archive, grouped by author slug into 256
// files (cacheDir/authors/<2 hex>.tsv, lines "<thread key>\t<PostRecord JSON>"), so that an
// author's posts are read from one bounded file and a changed thread rewrites only the
// partitions of its authors. Streaming: a cold build never holds more than the buffers.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PostRecord } from '../threads/people.ts';
import { authorSlug, partOf } from '../data/slug.ts';
const FLUSH = 1 << 16;

export interface PartitionUpdate {
  /** Thread keys whose records changed or vanished (their old lines are dropped). */
  changed: Set<string>;
  /** Records files of the changed threads that still exist, by key. */
  records: Map<string, string>;
  /** Partitions to rewrite. */
  dirty: Set<string>;
  /** No usable partitions from the last build: start from nothing. */
  cold: boolean;
  /** Called with every record of these authors that the rewritten partitions hold. */
  count?: { names: Iterable<string>; record(key: string, rec: PostRecord): void };
}

export function updatePartitions(dir: string, u: PartitionUpdate): void {
  mkdirSync(dir, { recursive: true });
  const buffers = new Map<string, string[]>();
  const sizes = new Map<string, number>();
  const tmp = (part: string) => join(dir, `${part}.tsv.tmp`);
  const flush = (part: string) => {
    const b = buffers.get(part);
    if (b?.length) appendFileSync(tmp(part), b.join(''));
    buffers.set(part, []);
    sizes.set(part, 0);
  };
  const counted = new Map([...byPartition(u.count?.names ?? [])].map(([part, names]) => [part, names.map(recordPrefix)]));
  const add = (part: string, line: string) => {
    const prefixes = counted.get(part);
    if (prefixes) count(line, prefixes, u.count!.record);
    buffers.get(part)!.push(line);
    const n = sizes.get(part)! + line.length;
    sizes.set(part, n);
    if (n > FLUSH) flush(part);
  };
  for (const part of u.dirty) {
    rmSync(tmp(part), { force: true });
    buffers.set(part, []);
    sizes.set(part, 0);
    const old = join(dir, `${part}.tsv`);
    if (u.cold || !existsSync(old)) continue;
    for (const line of readFileSync(old, 'utf8').split('\n')) {
      if (line && !u.changed.has(line.slice(0, line.indexOf('\t')))) add(part, line + '\n');
    }
  }
  // Records lines are "<partition>\t<PostRecord JSON>" (src/site/threads/people.ts).
  for (const [key, file] of u.records) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const part = line.slice(0, 2);
      if (line && u.dirty.has(part)) add(part, `${key}\t${line.slice(3)}\n`);
    }
  }
  for (const part of u.dirty) {
    flush(part);
    if (!existsSync(tmp(part))) appendFileSync(tmp(part), '');
    renameSync(tmp(part), join(dir, `${part}.tsv`));
  }
}

/** Names by the partition that holds their records. */
export function byPartition(names: Iterable<string>): Map<string, string[]> {
  const parts = new Map<string, string[]>();
  for (const name of names) {
    const part = partOf(authorSlug(name));
    (parts.get(part) ?? parts.set(part, []).get(part)!).push(name);
  }
  return parts;
}

/** A record is the JSON of an array whose first item is the name: found without parsing the others. */
const recordPrefix = (name: string) => `[${JSON.stringify(name)},`;

/** A partition line ("<thread key>\t<PostRecord JSON>") of one of the authors whose record prefixes are given. */
const ofAuthors = (line: string, tab: number, prefixes: string[]) => prefixes.some((p) => line.startsWith(p, tab + 1));

function count(line: string, prefixes: string[], record: (key: string, rec: PostRecord) => void): void {
  const tab = line.indexOf('\t');
  if (ofAuthors(line, tab, prefixes)) record(line.slice(0, tab), JSON.parse(line.slice(tab + 1)));
}

/** One partition's records by author name: all its authors', or only those of `names`. */
export function readPartition(dir: string, part: string, names: string[] | null = null): Map<string, { key: string; rec: PostRecord }[]> {
  const byName = new Map<string, { key: string; rec: PostRecord }[]>();
  const prefixes = names?.map(recordPrefix);
  let text = '';
  try {
    text = readFileSync(join(dir, `${part}.tsv`), 'utf8');
  } catch {}
  for (const line of text.split('\n')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    if (prefixes && !ofAuthors(line, tab, prefixes)) continue;
    const rec = JSON.parse(line.slice(tab + 1)) as PostRecord;
    const list = byName.get(rec[0]) ?? [];
    list.push({ key: line.slice(0, tab), rec });
    byName.set(rec[0], list);
  }
  return byName;
}
