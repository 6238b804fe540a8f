// Build progress: the thread phase counts dump bytes (shown as MB), so the percentage and the
// ETA follow the work, not the number of files (the largest threads go first).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Progress } from '../../src/site/build/progress.ts';

test('a phase counted in bytes shows MB done of the total, its share, and an ETA', () => {
  const lines: string[] = [];
  const p = new Progress({ write: (t) => lines.push(t), tty: false }, 0);
  p.phase('threads', 'MB', 40e6, 1e6);
  p.step(30e6, 900, 20); // one big thread first
  p.step(2e6, 50, 1);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^threads: 75% 30\.0\/40\.0 MB, 900 posts, 20 pages, [\d.]+ MB\/s, ETA (\d+ s|\?)\n$/);
  assert.match(lines[1], /^threads: 80% 32\.0\/40\.0 MB, 950 posts, 21 pages/);
});

test('a phase counted in units shows whole numbers', () => {
  const lines: string[] = [];
  const p = new Progress({ write: (t) => lines.push(t), tty: false }, 0);
  p.phase('pages', 'pages', 10);
  p.step(4, 0, 4);
  assert.match(lines[0], /^pages: 40% 4\/10 pages, 0 posts, 4 pages, \d+ pages\/s, ETA/);
});
