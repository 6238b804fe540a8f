// The posting sort: (key, doc id) pairs come out ordered by key, then doc id, whatever their
// order in, at every digit boundary of the radix passes and across reuses of the sorter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PairSorter } from '../../src/search/spill.ts';

const KEY = 2 ** 25; // a partition's local key: 24 bits of the mixed key and its high bit
const DOC = 2 ** 28;

function sorted(pairs: [number, number][]): [number, number][] {
  return pairs.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function run(sorter: PairSorter, pairs: [number, number][]): [number, number][] {
  const [keys, docs] = sorter.sort(pairs.length, (i) => pairs[i][0], (i) => pairs[i][1]);
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
