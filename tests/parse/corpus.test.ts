// Lossless round-trip over the real sample corpus (docs/parsing.md P14): every file of
// ../shared/corpus and the seed must print back byte for byte. Skips with a message when
// the corpus is not checked out next to the project.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseDump } from '../../src/parse/dump.ts';
import { printDump } from '../../src/parse/print.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = join(ROOT, '../shared/corpus');
const SEED = join(ROOT, 'seeds/000_93d286e2faad30e7.txt');

function* dumps(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* dumps(p);
    else if (/\.(md|txt)$/.test(e.name) && e.name !== 'MANIFEST.md') yield p;
  }
}

const skip = existsSync(CORPUS) ? false : `corpus not found at ${CORPUS}: corpus round-trip skipped`;

test('every corpus file and the seed round-trip byte for byte', { skip }, () => {
  const files = [...dumps(CORPUS), SEED];
  assert.ok(files.length > 200, `only ${files.length} corpus files`);
  const failed: string[] = [];
  let posts = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    let printed: Buffer;
    try {
      const parsed = parseDump(bytes, f);
      posts += parsed.posts.length;
      printed = printDump(parsed);
    } catch (e) {
      failed.push(`${f}: threw ${(e as Error).stack}`);
      continue;
    }
    if (Buffer.compare(printed, bytes) !== 0) failed.push(`${f}: ${firstDifference(printed, bytes)}`);
  }
  assert.deepEqual(failed, [], `${failed.length} of ${files.length} files do not round-trip`);
  assert.ok(posts > 30000, `only ${posts} posts parsed`);
});

test('the corpus parses without warnings beyond the known two files', { skip }, () => {
  const reported: string[] = [];
  for (const f of dumps(CORPUS)) {
    for (const d of parseDump(readFileSync(f), f).diagnostics) if (d.level !== 'info') reported.push(`${d.code} ${f.slice(CORPUS.length + 1)}`);
  }
  // The foreign-format negative sample and the empty 52-byte part (MANIFEST.md).
  assert.deepEqual(reported.sort(), [
    'foreign-format 2020/专题帖子/疫情/1910783疫情4号楼.md',
    'no-posts 2020/漫区专楼/1831320[春場ねぎ 五等分的花嫁 ／ 五等分の花嫁 V2]/1831320[]-32.md',
  ]);
});

function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const line = b.subarray(0, i).toString('latin1').split('\n').length;
  return `first difference at byte ${i} (line ${line}); printed ${a.length} bytes, original ${b.length}`;
}
