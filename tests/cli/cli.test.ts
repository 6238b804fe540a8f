import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.ts';
import { dumpText } from '../helpers/dump.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARCHIVE = join(ROOT, 'tests/fixtures/archive');
const SEED = join(ROOT, 'seeds/000_93d286e2faad30e7.txt');
const CORPUS = join(ROOT, '../shared/corpus');
const SEED_LINKS = ['#10→7', '#12→11', '#15→2', '#17→12', '#22→15', '#23→22', '#24→15', '#26→23', '#33→15', '#35→30'];

const run = runCli;

const lastLine = (s: string) => s.trimEnd().split('\n').pop();

test('help: overview, per-command help, unknown command', async () => {
  const h = await run('--help');
  assert.equal(h.code, 0);
  assert.match(h.out, /usage: loulan <command>/);
  assert.match(h.out, /^ {2}check {2,}/m);
  assert.match(h.out, /^ {2}export {2,}/m);
  for (const argv of [['help', 'check'], ['check', '--help']]) {
    const c = await run(...argv);
    assert.equal(c.code, 0);
    assert.match(c.out, /^usage: loulan check <path>/);
  }
  assert.match((await run('export', '-h')).out, /--out FILE/);
  const bare = await run();
  assert.equal(bare.code, 2);
  assert.match(bare.err, /usage: loulan <command>/);
  const unknown = await run('frobnicate');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /unknown command 'frobnicate'/);
});

test('usage errors exit 2 with a message naming the path', async () => {
  const missing = await run('check');
  assert.equal(missing.code, 2);
  assert.match(missing.err, /missing <path>/);
  const nowhere = join(ARCHIVE, 'no-such-folder');
  const absent = await run('check', nowhere);
  assert.equal(absent.code, 2);
  assert.ok(absent.err.includes(`cannot read '${nowhere}'`), absent.err);
  assert.equal((await run('check', '--bogus', ARCHIVE)).code, 2);
  assert.equal((await run('check', ARCHIVE, ARCHIVE)).code, 2);
  assert.equal((await run('export', nowhere, '--out', '-')).code, 2);
  const unwritable = await run('export', SEED, '--out', join(ARCHIVE, 'no-such-folder', 'x.jsonl'));
  assert.equal(unwritable.code, 2);
  assert.match(unwritable.err, /cannot write/);
});

test('check: problems as file:line: code: message, summary, then N passed, M failed', async () => {
  const r = await run('check', ARCHIVE);
  assert.equal(r.code, 0, r.err);
  assert.equal(lastLine(r.out), '16 passed, 0 failed');
  assert.ok(r.out.includes(`${join(ARCHIVE, '2020/专题帖子/疫情/3000009疫情楼.md')}:1: foreign-format: `), 'the foreign file is reported');
  assert.match(r.out, /1 skipped \(foreign format\)/);
  assert.match(r.out, /3000001-01\[普通单文件\]\.md:\d+: floor-collision: floor 10 /);
  assert.doesNotMatch(r.out, /^[^ ].*: thread-renamed: /m, 'info only with --verbose');
  assert.match(r.out, /^ +thread-renamed +2 +info$/m, 'but counted in the summary');
  assert.match(r.out, /threads +11 /);
  const v = await run('check', '--verbose', ARCHIVE);
  assert.match(v.out, /: thread-renamed: titles /);
  assert.match(v.out, /notes\.json: ignored/);
});

test('check: a file with an error-level problem fails, exit 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-check-'));
  try {
    const good = { floor: 1, author: '甲', time: '2023-3-1 10:00', body: '一楼' };
    writeFileSync(join(dir, '3000100-01[好].md'), dumpText([good]));
    writeFileSync(join(dir, '3000101-01[坏].md'), dumpText([good, { floor: 2, author: '乙', time: '昨天 10:00', body: '截断的时间' }]));
    const r = await run('check', dir);
    assert.equal(r.code, 1);
    assert.equal(lastLine(r.out), '1 passed, 1 failed');
    assert.match(r.out, /3000101-01\[坏\]\.md:\d+: bad-header: /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('check: a dump that cannot be read fails, exit 1; symlink loops are walked once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-check-'));
  try {
    symlinkSync(join(dir, 'nowhere.md'), join(dir, '3000102-01[断链].md'));
    symlinkSync(dir, join(dir, 'loop'));
    const r = await run('check', dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /3000102-01\[断链\]\.md:0: unreadable: ENOENT/);
    assert.equal(lastLine(r.out), '0 passed, 1 failed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('export: JSON Lines, one thread per line, quotes resolved', async () => {
  const r = await run('export', ARCHIVE);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 11, 'the foreign-only thread is not written');
  const t = lines.find((l) => l.thread.tid === '3000004');
  assert.deepEqual(Object.keys(t).sort(), ['diagnostics', 'posts', 'thread']);
  assert.equal(t.thread.title, '还能看的楼');
  assert.equal(t.thread.board, '外野');
  assert.equal(t.thread.files.length, 2);
  assert.equal(t.posts.length, 3);
  const p = t.posts[0];
  for (const k of ['floor', 'author', 'isOp', 'anonymous', 'postedAt', 'edited', 'quotes', 'ratings', 'attachments', 'smileys', 'signature', 'notices', 'body']) assert.ok(k in p, k);
});

test('export of the seed: 41 posts with the expected targetFloors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-export-'));
  try {
    const out = join(dir, 'seed.jsonl');
    const r = await run('export', SEED, '--out', out);
    assert.equal(r.code, 0, r.err);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    assert.equal(lines.length, 1);
    const seed = JSON.parse(lines[0]);
    assert.equal(seed.thread.tid, '2267042');
    assert.equal(seed.posts.length, 41);
    type Q = { targetFloor: number | null };
    const links = seed.posts.flatMap((p: { floor: number; quotes: Q[] }) => p.quotes.map((q) => `#${p.floor}→${q.targetFloor}`));
    assert.deepEqual(links, SEED_LINKS);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bin/loulan.js: usage error exits 2', () => {
  const r = spawnSync(process.execPath, ['bin/loulan.js', 'check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /missing <path>/);
});

test('bin/loulan.js build runs itself again (with its GC flag) and passes on its output and exit status', () => {
  const bad = spawnSync(process.execPath, ['bin/loulan.js', 'build', 'no-such-archive', '--out', 'x'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /cannot read 'no-such-archive'/);
  const dir = mkdtempSync(join(tmpdir(), 'loulan-bin-'));
  try {
    const ok = spawnSync(process.execPath, ['bin/loulan.js', 'build', 'seeds', '--out', join(dir, 'site'), '--cache-dir', join(dir, 'cache'), '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^built 1 threads, 41 posts/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bin/loulan.js check ../shared/corpus ends with 0 failed', (t) => {
  if (!existsSync(CORPUS)) return t.skip(`corpus not found at ${CORPUS}; skipping the corpus check`);
  const r = spawnSync(process.execPath, ['bin/loulan.js', 'check', '../shared/corpus'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(lastLine(r.stdout)!, /^\d+ passed, 0 failed$/);
  assert.match(r.stdout, /1 skipped \(foreign format\)/);
});
