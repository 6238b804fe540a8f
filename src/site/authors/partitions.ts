// Author partitions: every post record of the archive, grouped by author slug into 4,096
// files (cacheDir/authors/<3 hex>.tsv, lines "<thread key>\t<PostRecord JSON>"), so that an
// author's posts are read from one small file and a changed thread rewrites only the
// partitions of its authors (at 2M posts a partition holds ≈ 75 KB: an append of 50 floors
// rewrites a few MB, not the 40 MB of 256 partitions). Streaming: a cold build never holds
// more than the buffers.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PostRecord } from '../threads/people.ts';
import { authorSlug, partOf, PART_DIGITS } from '../data/slug.ts';
import { lineRanges } from '../../common/fs.ts';

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

/**
 * Rewrite the dirty partitions: their old lines of unchanged threads, then the changed
 * threads' records. Lines are copied as bytes, never made strings: a cold build moves every
 * record of the archive through here, and as strings they were hundreds of MiB of garbage
 * on the main heap at the build's peak. A line goes first to its group's file (the
 * partition's first two hex digits: 256 files open at most, where a cold build's 4,096
 * would pass what a process may hold, and reopening a file per buffer cost 2 s at 2M posts),
 * then each group's file is split into its partitions.
 */
export function updatePartitions(dir: string, u: PartitionUpdate): void {
  mkdirSync(dir, { recursive: true });
  const groups = new Map<string, { writer: PartWriter; parts: string[] }>();
  /** Per dirty partition: its group's writer and the "<partition>\t" its lines carry there. */
  const sinks = new Map<string, { writer: PartWriter; head: Buffer }>();
  for (const part of u.dirty) {
    const g = part.slice(0, 2);
    const group = groups.get(g) ?? groups.set(g, { writer: new PartWriter(join(dir, `${g}.group`)), parts: [] }).get(g)!;
    group.parts.push(part);
    sinks.set(part, { writer: group.writer, head: Buffer.from(`${part}\t`, 'latin1') });
  }
  const counted = new Map([...byPartition(u.count?.names ?? [])].map(([part, names]) => [part, names.map(recordPrefix)]));
  /** One line of `text`: [from, end) with its record JSON at `json`, and a key written before it (or null: the line has its own). */
  const add = (part: string, text: Buffer, from: number, json: number, end: number, key: Buffer | null) => {
    const prefixes = counted.get(part);
    if (prefixes && ofAuthors(text, json, end, prefixes)) {
      const k = key ? key.toString('latin1', 0, key.length - 1) : text.toString('latin1', from, json - 1);
      u.count!.record(k, JSON.parse(text.toString('utf8', json, end)));
    }
    const sink = sinks.get(part)!;
    sink.writer.line(sink.head, key, text, from, end);
  };
  for (const part of u.dirty) {
    const old = join(dir, `${part}.tsv`);
    if (u.cold || !existsSync(old)) continue;
    const text = readFileSync(old);
    for (const [from, end] of lineRanges(text)) {
      const tab = text.indexOf(9, from);
      if (!u.changed.has(text.toString('latin1', from, tab))) add(part, text, from, tab + 1, end, null);
    }
  }
  // Records lines are "<partition>\t<PostRecord JSON>" (src/site/threads/people.ts).
  for (const [key, file] of u.records) {
    const prefix = Buffer.from(`${key}\t`, 'latin1');
    const text = readFileSync(file);
    for (const [from, end] of lineRanges(text)) {
      const part = text.toString('latin1', from, from + PART_DIGITS);
      const json = from + PART_DIGITS + 1;
      if (u.dirty.has(part)) add(part, text, json, json, end, prefix);
    }
  }
  for (const { writer, parts } of groups.values()) {
    writer.close();
    splitGroup(dir, writer.path, parts);
  }
}

/** A group's file ("<partition>\t<line>" lines) into its partitions, each written whole (an emptied one too); then removed. */
function splitGroup(dir: string, file: string, parts: string[]): void {
  const out = new Map(parts.map((part) => [part, new PartWriter(join(dir, `${part}.tsv`))]));
  const text = readFileSync(file);
  for (const [from, end] of lineRanges(text)) out.get(text.toString('latin1', from, from + PART_DIGITS))!.line(null, null, text, from + PART_DIGITS + 1, end);
  for (const w of out.values()) w.close();
  rmSync(file, { force: true });
}

/** A partition written to a temp file through one reused buffer, renamed into place when closed. */
class PartWriter {
  static readonly SIZE = 1 << 16;
  readonly #buf = Buffer.allocUnsafe(PartWriter.SIZE);
  #used = 0;
  readonly #fd: number;
  constructor(readonly path: string) {
    this.#fd = openSync(path + '.tmp', 'w');
  }

  /** `head` and `key` (each if any), then text[from, end), then a newline. */
  line(head: Buffer | null, key: Buffer | null, text: Buffer, from: number, end: number): void {
    const size = (head?.length ?? 0) + (key?.length ?? 0) + end - from + 1;
    if (this.#used + size > PartWriter.SIZE) this.#flush();
    if (size > PartWriter.SIZE) {
      if (head) writeSync(this.#fd, head);
      if (key) writeSync(this.#fd, key);
      writeSync(this.#fd, text, from, end - from);
      writeSync(this.#fd, NEWLINE);
      return;
    }
    if (head) this.#used += head.copy(this.#buf, this.#used);
    if (key) this.#used += key.copy(this.#buf, this.#used);
    this.#used += text.copy(this.#buf, this.#used, from, end);
    this.#buf[this.#used++] = 10;
  }

  close(): void {
    this.#flush();
    closeSync(this.#fd);
    renameSync(this.path + '.tmp', this.path);
  }

  #flush(): void {
    if (this.#used) writeSync(this.#fd, this.#buf, 0, this.#used);
    this.#used = 0;
  }
}
const NEWLINE = Buffer.from('\n');

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
const recordPrefix = (name: string) => Buffer.from(`[${JSON.stringify(name)},`);

/** Whether the record JSON at text[json, end) is one of the authors whose record prefixes are given. */
const ofAuthors = (text: Buffer, json: number, end: number, prefixes: Buffer[]) =>
  prefixes.some((p) => text.compare(p, 0, p.length, json, Math.min(json + p.length, end)) === 0);

/** One partition's records by author name: all its authors', or only those of `names` (the others' lines are never decoded). */
export function readPartition(dir: string, part: string, names: string[] | null = null): Map<string, { key: string; rec: PostRecord }[]> {
  const byName = new Map<string, { key: string; rec: PostRecord }[]>();
  const prefixes = names?.map(recordPrefix);
  let text: Buffer;
  try {
    text = readFileSync(join(dir, `${part}.tsv`));
  } catch {
    return byName;
  }
  for (const [from, end] of lineRanges(text)) {
    const json = text.indexOf(9, from) + 1;
    if (prefixes && !ofAuthors(text, json, end, prefixes)) continue;
    const rec = JSON.parse(text.toString('utf8', json, end)) as PostRecord;
    const list = byName.get(rec[0]) ?? [];
    list.push({ key: text.toString('latin1', from, json - 1), rec });
    byName.set(rec[0], list);
  }
  return byName;
}
