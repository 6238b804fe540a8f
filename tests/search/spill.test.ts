// The posting sort: (key, doc id) pairs come out ordered by key, then doc id, whatever their
// order in, at every digit boundary of the radix passes and across reuses of the sorter; a
// partition sorted in key ranges writes what it would sorted whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PairSorter, PostingsBuilder } from '../../src/search/spill.ts';

const KEY = 2 ** 25; // a partition's local key: 24 bits of the mixed key and its high bit
const DOC = 2 ** 28;

function sorted(pairs: [number, number][]): [number, number][] {
  return pairs.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function run(sorter: PairSorter, pairs: [number, number][]): [number, number][] {
  const [input, inputDocs] = sorter.input(pairs.length);
  pairs.forEach(([k, d], i) => ((input[i] = k), (inputDocs[i] = d)));
  const [keys, docs] = sorter.sort(pairs.length);
  return pairs.map((_, i) => [keys[i], docs[i]]);
}

test('pairs sort by key, then doc id, with the values at the edges of every radix digit', () => {
  const edges = [0, 1, 2 ** 13 - 1, 2 ** 13, 2 ** 14 - 1, 2 ** 14, 2 ** 24, KEY - 1];
  const docs = [0, 1, 2 ** 14 - 1, 2 ** 14, 2 ** 27, DOC - 1];
  const pairs: [number, number][] = [];
  for (const k of edges) for (const d of docs) pairs.push([k, d], [k, d]); // duplicates stay (the writer drops them)
  pairs.reverse();
  assert.deepEqual(run(new PairSorter(), pairs), sorted(pairs));
});

test('any pairs sort as a comparison sort orders them, one sorter reused for every list', () => {
  const sorter = new PairSorter();
  const pair = fc.tuple(fc.integer({ min: 0, max: KEY - 1 }), fc.integer({ min: 0, max: DOC - 1 }));
  const narrow = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }));
  fc.assert(
    fc.property(fc.array(fc.oneof(pair, narrow), { maxLength: 3000 }), (pairs) => {
      assert.deepEqual(run(sorter, pairs), sorted(pairs));
    }),
    { numRuns: 200 },
  );
});

test('a partition sorted a key range at a time writes the same lists as one sorted whole', () => {
  // Keys on many bins of every partition, one of them on every doc and twice on some (a common
  // character); docs in a scrambled seq → id order. Spilled every 500 pairs; sorted at most 20
  // pairs at once, so bins are merged, split by key, and the common key is listed alone.
  const docs = 4000;
  const docOf = new Uint32Array(docs).map((_, s) => (s * 7919) % docs);
  const write = (sortAt: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'loulan-spill-'));
    const b = new PostingsBuilder(join(dir, 'pairs.spill'), 500, sortAt);
    for (let s = 0; s < docs; s++) {
      b.add(1, s);
      if (s % 3 === 0) b.add(1, s);
      for (let g = 0; g < 3; g++) b.add(((s * 31 + g * 977) % 600) + 2 ** 32 * (s % 2), s);
    }
    b.write(dir, 'post', b.bucketBits(), docOf);
    b.dispose();
    rmSync(join(dir, 'pairs.spill'));
    const files = readdirSync(dir).sort();
    const bytes = files.map((f) => readFileSync(join(dir, f)));
    rmSync(dir, { recursive: true });
    return { files, bytes };
  };
  const whole = write(1e9);
  const split = write(20);
  assert.ok(whole.files.length > 2);
  assert.deepEqual(split.files, whole.files);
  split.bytes.forEach((b, i) => assert.ok(b.equals(whole.bytes[i]), whole.files[i]));
});
