// The bench's ETA figure: how far the build's progress lines were from when it really ended.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { etaWorst, type EtaLine } from '../../bench/lib/eta.ts';

const etaError = (lines: EtaLine[], wallMs: number) => etaWorst(lines, wallMs)?.pct;

test('the ETA error is the worst line between a tenth and nine tenths of the build, as a share of the time left', () => {
  // A 100 s build: a line at 5 s (too early to count), at 20 s (ETA 70 s, 80 s left: 9 s off
  // after the forgiven second), at 50 s (exact) and at 95 s (too late to count).
  const lines: [number, number][] = [[5_000, 10], [20_000, 70], [50_000, 50], [95_000, 30]];
  assert.equal(etaError(lines, 100_000), (100 * 9) / 80);
  assert.equal(etaError([[50_000, 51]], 100_000), 0, 'a second of rounding is forgiven');
  assert.equal(etaError([[5_000, 10]], 100_000), undefined);
});

test('the worst line is named by when it came and its phase, so a bench run says where the ETA went wrong', () => {
  const lines: [number, number, string][] = [[20_000, 79, 'threads'], [70_000, 20, 'pages'], [85_000, 8, 'authors']];
  // Errors: 0 % at 20 s; (|20 − 30| − 1) / 30 = 30 % at 70 s; (|8 − 15| − 1) / 15 = 40 % at 85 s.
  assert.deepEqual(etaWorst(lines, 100_000), { pct: 40, at: 0.85, phase: 'authors' });
  assert.equal(etaError(lines, 100_000), 40);
});
