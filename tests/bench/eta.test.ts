// The bench's ETA figure: how far the build's progress lines were from when it really ended.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { etaError } from '../../bench/lib/eta.ts';

test('the ETA error is the worst line between a tenth and nine tenths of the build, as a share of the time left', () => {
  // A 100 s build: a line at 5 s (too early to count), at 20 s (ETA 70 s, 80 s left: 9 s off
  // after the forgiven second), at 50 s (exact) and at 95 s (too late to count).
  const lines: [number, number][] = [[5_000, 10], [20_000, 70], [50_000, 50], [95_000, 30]];
  assert.equal(etaError(lines, 100_000), (100 * 9) / 80);
  assert.equal(etaError([[50_000, 51]], 100_000), 0, 'a second of rounding is forgiven');
  assert.equal(etaError([[5_000, 10]], 100_000), undefined);
});
