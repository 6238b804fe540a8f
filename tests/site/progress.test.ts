// Build progress: the thread phase counts dump bytes (shown as MB), so the percentage and the
// ETA follow the work, not the number of files (the largest threads go first); its ETA counts
// each file as some bytes more (the small threads at the end cost more per byte).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildSite } from '../../src/site/build/build.ts';
import { SITE_FIXTURE } from './fixture.ts';
import { FILE_WORK, Progress, shareOf, sharesAfter } from '../../src/site/build/progress.ts';

/** Two ETAs equal but for floating-point rounding. */
const near = (a: number, b: number, what = 'ETA') => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} ≠ ${b}`);

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

test("the ETA is the whole build's: the thread phase adds the phases after it as shares of its own time", () => {
  let now = 0;
  const p = new Progress(null, 0, () => now);
  const all = sharesAfter('threads');
  const [pages, authors, tail] = [shareOf('pages')!, shareOf('authors')!, sharesAfter('authors')];
  // A thread phase of T seconds whose share for the pages is 16 s.
  const T = 16 / pages;
  p.phase('threads', 'MB', 100e6, 1e6);
  now = (T / 4) * 1000;
  p.step(25e6); // a quarter in T/4: 3T/4 of threads left
  near(p.eta(), (3 * T) / 4 + all * T);
  now = T * 1000;
  p.step(75e6);
  p.end();
  // The pages: their first step (an Eleventy load in it) counts for nothing but the start of
  // their rate; the phases after them are expected at their pace against their share.
  const at = (s: number) => (T + s) * 1000;
  p.phase('pages', 'pages', 1000);
  now = at(4);
  p.step(100);
  near(p.eta(), pages * T - 4 + (authors + tail) * T);
  // Halfway, the rate since the first step (400 pages in 6 s: 500 left take 7.5 s) counts
  // √0.5 of the ETA, the share the rest.
  now = at(10);
  p.step(400);
  const left = (1 - Math.SQRT1_2) * (pages * T - 10) + Math.SQRT1_2 * 7.5;
  near(p.eta(), left + (authors + tail) * T * ((10 + left) / (pages * T)));
  now = at(20);
  p.step(500);
  const pace = 20 / (pages * T); // the pages took 20 s
  near(p.eta(), (authors + tail) * T * pace);
  // The author pages start at that pace.
  p.phase('authors', 'partitions', 4);
  now = at(22);
  p.step(1);
  near(p.eta(), authors * T * pace - 2 + tail * T * ((authors * T * pace) / (authors * T)));
});

test('a later phase too short to tell (mostly its start-up) sets no pace for the phases after it', () => {
  let now = 0;
  const p = new Progress(null, 0, () => now);
  const [pages, authors, tail] = [shareOf('pages')!, shareOf('authors')!, sharesAfter('authors')];
  const T = 80;
  assert.ok(pages * T < 5 && authors * T > 5, 'the pages are expected to take under 5 s, the author pages over');
  p.phase('threads', 'MB', 100e6, 1e6);
  now = T * 1000;
  p.step(100e6);
  p.end();
  // The pages take 2 s (an Eleventy load) where their share is under a second.
  p.phase('pages', 'pages', 10);
  now += 1500;
  p.step(5);
  near(p.eta(), Math.max(0, pages * T - 1.5) + (authors + tail) * T);
  now += 500;
  p.step(5);
  p.end();
  // The author pages are expected at the thread phase's pace, not at 2 / (pages × T) times it.
  p.phase('authors', 'partitions', 4);
  now += 1000;
  p.step(1);
  near(p.eta(), authors * T - 1 + tail * T);
});

test("the author pages' share follows the part of the thread workers' time spent writing files", () => {
  let now = 0;
  const after = (writeMs: number) => {
    now = 0;
    const p = new Progress(null, 0, () => now);
    p.phase('threads', 'MB', 100e6, 1e6);
    p.step(50e6);
    p.workTime(writeMs, 1000);
    now = 80_000;
    p.step(50e6);
    p.end();
    p.phase('authors', 'partitions', 4);
    now += 1000;
    p.step(1);
    return p.eta();
  };
  // A slow disk (60 % of the workers' time writing) makes for longer author pages than a fast one (30 %).
  const [fast, slow] = [after(300), after(600)];
  near(fast, shareOf('authors', 0.3)! * 80 - 1 + sharesAfter('authors', 0.3) * 80);
  near(slow, shareOf('authors', 0.6)! * 80 - 1 + sharesAfter('authors', 0.6) * 80);
  assert.ok(slow - fast > 0.25 * 80 * 0.3, `${slow} s against ${fast} s`);
});

test("the build ends when the search index's last write does, when that comes later", () => {
  let now = 0;
  // Two builds alike but for the index's reports: a thread phase of 80 s, then the author pages.
  const [p, q] = [0, 1].map(() => new Progress(null, 0, () => now));
  for (const x of [p, q]) x.phase('threads', 'MB', 100e6, 1e6), x.step(50e6);
  now = 80_000;
  for (const x of [p, q]) x.step(50e6), x.end();
  p.indexing(0); // the index's last write starts with the later phases
  now += 1000;
  for (const x of [p, q]) x.phase('authors', 'partitions', 10), x.step(1);
  now += 19_000;
  q.step(5);
  p.step(5);
  p.indexing(0.2); // 20 % in 20 s: 80 s left, more than the author pages' own
  assert.ok(q.eta() < 80, `the author pages alone: ${q.eta()} s`);
  near(p.eta(), 80, 'the index');
  now += 5000;
  near(p.eta(), 75, 'counted down between its reports');
  p.indexing(0.99); // nearly done: the author pages decide again
  near(p.eta(), q.eta(), 'the author pages');
});

test("a later phase beside the index's write speeds up when the core lent to the index comes back", () => {
  let now = 0;
  // Two cold builds alike, but in one the pool (2 workers) lent a core to the index's write.
  const [lent, alone] = [0, 1].map(() => new Progress(null, 0, () => now));
  for (const x of [lent, alone]) x.phase('threads', 'MB', 100e6, 1e6), x.step(50e6);
  now = 80_000;
  for (const x of [lent, alone]) x.step(50e6), x.end(), x.indexing(0);
  lent.lent(2);
  for (const x of [lent, alone]) x.phase('authors', 'partitions', 100);
  now += 1000;
  for (const x of [lent, alone]) x.step(1);
  now += 10_000;
  for (const x of [lent, alone]) x.step(10), x.indexing(0.5); // 1 partition/s; the index ends in 11 s
  // What the phase's rate adds to its ETA, done fraction f: its blend with the share (√f), and the tail after it at its pace.
  const share = shareOf('authors')!;
  const weight = (f: number) => Math.sqrt(f) * (1 + sharesAfter('authors') / share);
  // 89 partitions: 11 at 1/s until the index ends, then 78 at 2/s (39 s), not 89 s.
  near(alone.eta() - lent.eta(), weight(0.11) * (89 - 50), 'sped up from when the index is due');
  now += 11_000;
  for (const x of [lent, alone]) x.step(11), x.indexing(1);
  near(alone.eta() - lent.eta(), weight(0.22) * (78 - 39), 'back: the pace so far, doubled');
  now += 5000;
  for (const x of [lent, alone]) x.step(10); // 2/s since the core came back
  // Its rate now counts from then: 68 partitions at 2/s, against 31 partitions in 26 s since the first step.
  near(alone.eta() - lent.eta(), weight(0.32) * ((68 * 26) / 31 - 34), 'its rate since then');
});

test('the ETA goes by the work done, not by the units shown, when the phase counts them apart', () => {
  let now = 0;
  const lines: string[] = [];
  const p = new Progress({ write: (t) => lines.push(t), tty: false }, 0, () => now);
  // 100 MB in two files and 20 MB in a hundred: at 10 KB of work a file, the small ones are 1/6 of the work, not 1/6 of the bytes.
  p.phase('threads', 'MB', 120e6, 1e6, 120e6 + 102 * FILE_WORK);
  now = 10_000;
  p.step(100e6, 0, 0, 100e6 + 2 * FILE_WORK);
  const left = (10 * (20e6 + 100 * FILE_WORK)) / (100e6 + 2 * FILE_WORK);
  assert.ok(Math.abs(p.eta() - (left + sharesAfter('threads') * (10 + left))) < 1e-9);
  assert.ok(left > 2 + 0.01, 'more than the bytes alone promise');
  assert.match(lines[0], /^threads: 83% 100\.0\/120\.0 MB, /, 'the line still shows the bytes');
});

test("the thread phase's rate runs from its first step: the workers' start-up and the largest thread are left out", () => {
  let now = 0;
  const p = new Progress(null, 0, () => now);
  p.phase('threads', 'MB', 100e6, 1e6);
  now = 4_000;
  p.step(40e6); // the largest thread, after the workers started
  now = 10_000;
  p.step(20e6); // 20 MB in the 6 s since: 40 MB left take 12 s (not the 6.7 s that 60 MB in 10 s promise)
  assert.ok(Math.abs(p.eta() - (12 + sharesAfter('threads') * (10 + 12))) < 1e-9);
});

test('a phase outside the build order, or before any work, promises only what it knows', () => {
  let now = 0;
  const p = new Progress(null, 0, () => now);
  p.phase('threads', 'MB', 10);
  assert.ok(Number.isNaN(p.eta()), 'no rate yet');
  p.phase('index', 'docs', 10);
  now = 1000;
  p.step(5);
  assert.equal(p.eta(), 1);
});

test("a cold build shows its thread, page and author-page phases, each with the build's ETA", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-progress-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  let text = '';
  const progress = { write: (s: string) => void (text += s), tty: true };
  await buildSite({ input: SITE_FIXTURE, out: join(dir, 'site'), cacheDir: join(dir, 'cache'), smileys: null, progress });
  for (const phase of ['threads', 'pages', 'authors']) assert.match(text, new RegExp(`\\r\\x1b\\[K${phase}: [^\\r]*, ETA (\\d+ s|\\?)`), phase);
});
