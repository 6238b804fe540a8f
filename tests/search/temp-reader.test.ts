// The doc store is copied from the index's temp file in time order, not in the order it was
// written: every record comes out byte for byte, whether it lies in one read window or
// across two, in a cached window or one that reused an evicted window's buffer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ByteSink } from '../../src/search/bytes.ts';
import { TEMP_WINDOW, TempReader } from '../../src/search/segment.ts';
import { scratch } from './helpers.ts';

test('records read in any order come out as written, across window edges and evicted windows', () => {
  const dir = scratch('temp-reader');
  fc.assert(
    fc.property(
      // Lengths up to two windows: most records sit inside one, some straddle an edge.
      fc.array(fc.integer({ min: 1, max: 2 * TEMP_WINDOW }), { minLength: 1, maxLength: 60 }),
      fc.nat(),
      fc.integer({ min: 1, max: 4 }),
      (lengths, seed, cached) => {
        const starts = [0];
        for (const n of lengths) starts.push(starts.at(-1)! + n);
        const bytes = new Uint8Array(starts.at(-1)!).map((_, i) => (i * 31 + seed) % 251);
        const file = join(dir, 'temp');
        writeFileSync(file, bytes);
        // A shuffled order, each record twice: hits, misses and reuse of evicted buffers.
        const order = [...lengths.keys(), ...lengths.keys()].sort((a, b) => ((a * 7919 + seed) % 97) - ((b * 7919 + seed) % 97) || a - b);
        const fd = openSync(file, 'r');
        try {
          const reader = new TempReader(fd, cached);
          for (const i of order) {
            const out = new ByteSink(16);
            reader.copy(starts[i], starts[i + 1], out);
            assert.deepEqual(out.view(), bytes.subarray(starts[i], starts[i + 1]), `record ${i}`);
          }
        } finally {
          closeSync(fd);
        }
      },
    ),
    { numRuns: 60 },
  );
});
