// Fixture runner, after markdown-it's fixtures: every tests/fixtures/parse/<construct>.txt is a
// small dump and <construct>.json lists the records expected from it. For each fixture:
//   * the file-level fields listed under "file" equal the parsed DumpFile's;
//   * there are exactly as many posts as listed, and each post's listed fields deep-equal the
//     parsed Post's ("kinds" stands for the sequence of block kinds);
//   * the warnings and errors, and the info notes of the codes listed, equal "diagnostics"
//     (line, level, code; none when the key is absent);
//   * printing the parsed file gives back the input bytes.
// "encoding": "gb18030" makes the runner encode the UTF-8 .txt before parsing it.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import iconv from 'iconv-lite';
import { parseDump } from '../../src/parse/dump.ts';
import { printDump } from '../../src/parse/print.ts';
import type { DumpFile, Post } from '../../src/types.ts';

const DIR = new URL('../fixtures/parse/', import.meta.url);

interface Fixture {
  about: string;
  encoding?: 'gb18030';
  file?: Partial<Record<keyof DumpFile, unknown>>;
  diagnostics?: { line: number; level: string; code: string }[];
  posts: Record<string, unknown>[];
}

const names = readdirSync(DIR)
  .filter((n) => n.endsWith('.json'))
  .map((n) => n.slice(0, -5))
  .sort();

function field(post: Post, key: string): unknown {
  if (key === 'kinds') return post.blocks.map((b) => b.kind);
  if (!(key in post)) throw new Error(`unknown post field "${key}"`);
  return post[key as keyof Post];
}

function pick(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, obj[k]]));
}

test('every fixture has its .txt and .json', () => {
  const txt = readdirSync(DIR).filter((n) => n.endsWith('.txt')).map((n) => n.slice(0, -4)).sort();
  assert.deepEqual(txt, names);
  assert.ok(names.length >= 20, `only ${names.length} fixtures`);
});

for (const name of names) {
  test(`fixture ${name}`, () => {
    const spec = JSON.parse(readFileSync(new URL(`${name}.json`, DIR), 'utf8')) as Fixture;
    const raw = readFileSync(new URL(`${name}.txt`, DIR));
    const bytes = spec.encoding ? iconv.encode(raw.toString('utf8'), spec.encoding) : raw;
    const path = `${name}.txt`;
    const file = parseDump(bytes, path);

    if (spec.file) assert.deepEqual(pick(file as unknown as Record<string, unknown>, Object.keys(spec.file)), spec.file, 'file fields');
    assert.equal(file.posts.length, spec.posts.length, 'number of posts');
    spec.posts.forEach((want, i) => {
      const post = file.posts[i];
      const got = Object.fromEntries(Object.keys(want).map((k) => [k, field(post, k)]));
      assert.deepEqual(got, want, `post #${i + 1} (floor ${post.floor}, line ${post.source.firstLine})`);
    });
    // Info notes of codes a fixture does not list (e.g. the inline layer's) are not its concern.
    const listed = new Set(spec.diagnostics?.map((d) => d.code));
    const diags = file.diagnostics.filter((d) => d.level !== 'info' || listed.has(d.code)).map((d) => ({ line: d.line, level: d.level, code: d.code }));
    assert.deepEqual(diags, spec.diagnostics ?? [], 'diagnostics');
    for (const d of file.diagnostics) assert.equal(d.file, path);

    const printed = printDump(file);
    assert.equal(Buffer.compare(printed, bytes), 0, `round trip differs:\n${JSON.stringify(printed.toString('latin1'))}\n${JSON.stringify(bytes.toString('latin1'))}`);
  });
}
