// Messy archives (tests/fixtures/messy/ plus big and binary files generated here): the
// build finishes, reports every anomaly with file and line in build-report.json, shows
// every readable post, and exits as documented (warnings pass; --strict makes them fatal).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { parseDump } from '../../src/parse/dump.ts';
import { BIN, build, htmlFiles, ROOT, tempDir, walk, type BuildResult } from '../helpers/build.ts';
import { GEN, unreadableIsReadable, writeMessyArchive, writeSymlinkArchive } from './messy-archive.ts';

/** Deepest quote nesting a page may render; the 2023 archive's deepest is 3 (docs/format.md F10.4). */
const MAX_QUOTE_DEPTH = 32;

/** Anomalies the report must hold: code, file (relative to the archive root), a line or a line range, what. */
interface Expect {
  code: string;
  file: string;
  lines?: [number, number];
  what: string;
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.startsWith(needle));
  if (i < 0) throw new Error(`fixture lacks ${needle}`);
  return i + 1;
}

/** Every "file:line message" location in the report. */
function locations(report: any): { code: string; level: string; file: string; line: number; text: string }[] {
  const out = [];
  for (const [code, a] of Object.entries<any>(report.anomalies ?? {})) {
    for (const at of a.at as string[]) {
      const m = /^(.*?):(\d+)(?: |$)/.exec(at);
      out.push({ code, level: a.level, file: m ? m[1] : at, line: m ? +m[2] : NaN, text: at });
    }
  }
  return out;
}

const NOBODY = 65534;

/**
 * Why the build cannot run as the user nobody here (a skip reason), or false: only root can
 * switch users, and nobody must be able to enter every folder down to the clone and its
 * node_modules (a clone under /root or a private `mktemp -d` folder is not).
 */
function nobodyCannotBuild(): string | false {
  if (process.getuid?.() !== 0) return 'a chmod 000 file stays readable here, and only root can run the build as another user';
  const r = spawnSync(process.execPath, [BIN, 'help', 'build'], { cwd: ROOT, uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
  if (r.status === 0) return false;
  const closed = [ROOT, realpathSync(join(ROOT, 'node_modules'))].flatMap(ancestors).find((d) => (statSync(d).mode & 0o001) === 0);
  return `the user nobody cannot run loulan from this clone${closed ? `: other users cannot enter ${closed}` : ''} (${/^\w*Error\b.*$/m.exec(r.stderr)?.[0] ?? r.error?.message ?? `exit ${r.status}`})`;
}

/** A folder and every folder above it. */
function ancestors(dir: string): string[] {
  const up = dirname(dir);
  return up === dir ? [dir] : [dir, ...ancestors(up)];
}

/** The reported file is `rel` (or one of several "a|b" alternatives), absolute or relative. */
const sameFile = (reported: string, rel: string) => rel.split('|').some((r) => reported === r || reported.endsWith('/' + r));

describe('messy archive', () => {
  let tmp: ReturnType<typeof tempDir>;
  let archive = '';
  let notes: string[] = [];
  let rootReads = false;
  let r: BuildResult;

  before(async () => {
    tmp = tempDir('messy');
    archive = join(tmp.path, 'archive');
    ({ notes } = writeMessyArchive(archive));
    rootReads = unreadableIsReadable(archive);
    r = await build(archive, join(tmp.path, 'out'), { timeoutMs: 300_000 });
  });
  after(() => tmp?.cleanup());

  test('the build finishes with exit 0 (input problems are warnings) and writes build-report.json', () => {
    for (const n of notes) console.log(`note: ${n}`);
    assert.equal(r.code, 0, `exit ${r.code}\n${r.stderr.slice(-3000)}`);
    assert.ok(r.report, 'build-report.json written');
    console.log(`messy build: ${r.ms} ms, ${r.report.counts.posts} posts, anomalies: ${Object.keys(r.report.anomalies).join(', ')}`);
  });

  test('every anomaly is reported with its file and line', () => {
    const DATES = '外野/9100007-01[不可能的日期].md';
    const BAD_HEADER = '外野/9100013-01[坏的头行].md';
    const SAME_TID = '游戏区/9100010-01[同号乙].md|外野/9100010-01[同号甲].md|外野/0无法访问/9100010-01[同号丙].md';
    const at = (rel: string, needle: string): [number, number] => {
      const line = lineOf(readFileSync(join(archive, rel), 'utf8'), needle);
      return [line, line];
    };
    const expects: Expect[] = [
      { code: 'no-posts', file: GEN.empty, what: 'empty file' },
      { code: 'foreign-format', file: GEN.separators, what: 'separators only' },
      { code: 'foreign-format', file: GEN.binary, what: 'binary file' },
      { code: 'invalid-utf8', file: GEN.binary, what: 'binary file: bytes kept' },
      { code: 'encoding-gb18030', file: GEN.gbk, lines: [1, 1], what: 'GBK-encoded file' },
      { code: 'unclosed-quote', file: GEN.nested, what: 'unbalanced blockquotes (10,000 opened, none closed)' },
      { code: 'bad-date', file: DATES, lines: at(DATES, '##### 2#'), what: 'impossible date 2024-2-30 25:61' },
      { code: 'bad-date', file: DATES, lines: at(DATES, '##### 3#'), what: 'impossible date 2023-13-1' },
      { code: 'floor-out-of-order', file: '外野/9100008-01[楼层乱序].md', what: 'floors out of order' },
      { code: 'floor-collision', file: '外野/9100008-01[楼层乱序].md', what: 'floors repeated with differing records' },
      { code: 'untitled-name', file: '外野/9100009-01.md', what: 'file name without [title]' },
      { code: 'thread-moved', file: SAME_TID, what: 'several files claiming tid 9100010, on two boards' },
      { code: 'thread-renamed', file: SAME_TID, what: 'several files claiming tid 9100010, with three titles' },
      { code: 'text-before-first-post', file: '外野/9100012-01[前言里的文字].md', lines: [1, 1], what: 'text before the first separator' },
      { code: 'bad-header', file: BAD_HEADER, lines: at(BAD_HEADER, '##### 2#'), what: 'unrecognised header line' },
      { code: 'foreign-format', file: '专题帖子/疫情/1910783疫情4号楼.md', what: 'foreign-format file' },
      { code: 'bad-sidecar', file: '未分类/000_00000000000000b1.txt.meta.json', what: 'sidecar that is not JSON' },
    ];
    const locs = locations(r.report);
    const missing = expects.filter((e) => !locs.some((l) => l.code === e.code && sameFile(l.file, e.file) && Number.isInteger(l.line) && l.line >= 1 && (!e.lines || (l.line >= e.lines[0] && l.line <= e.lines[1]))));
    assert.deepEqual(
      missing.map((e) => `[${e.code}] ${e.file}${e.lines ? ':' + e.lines[0] : ''} — ${e.what}`),
      [],
      `anomalies missing from build-report.json; reported:\n${locs.map((l) => `  [${l.code}] ${l.text}`).join('\n')}`,
    );
  });

  test('an unreadable file (chmod 000) is reported with its path, and the build goes on', async (t) => {
    let report = r.report;
    if (rootReads) {
      // Root reads anything: build a small archive as "nobody" instead, when that is possible.
      const cannot = nobodyCannotBuild();
      if (cannot) return t.skip(cannot);
      const dir = join(tmp.path, 'as-nobody');
      mkdirSync(join(dir, 'archive', '外野'), { recursive: true });
      copyFileSync(join(archive, '外野', '9100007-01[不可能的日期].md'), join(dir, 'archive', '外野', '9100007-01[不可能的日期].md'));
      writeFileSync(join(dir, 'archive', GEN.unreadable), 'x');
      chmodSync(join(dir, 'archive', GEN.unreadable), 0o000);
      chmodSync(tmp.path, 0o755);
      chmodSync(dir, 0o777);
      const b = await build(join(dir, 'archive'), join(dir, 'out'), { uid: NOBODY, gid: NOBODY });
      assert.equal(b.code, 0, b.stderr);
      assert.equal(b.report.counts.posts, 4, 'the readable file is built');
      report = b.report;
    }
    assert.ok(locations(report).some((l) => l.code === 'unreadable' && sameFile(l.file, GEN.unreadable) && l.line >= 1), `${GEN.unreadable} not reported as unreadable`);
  });

  test('every readable post is on the site', () => {
    // Expected: the distinct records (author line, header line, body) of each tid, as floor lists.
    const byTid = new Map<string, Map<string, number>>();
    for (const rel of walk(archive)) {
      if (!/\.(md|txt)$/.test(rel) || (rel === GEN.unreadable && !rootReads)) continue;
      const bytes = readFileSync(join(archive, rel));
      const d = parseDump(bytes, rel);
      if (d.foreign) continue;
      const tid = /(?:^|\/)(\d+)-\d+(?:\[.*\])?\.md$/.exec(rel)?.[1] ?? rel;
      const set = byTid.get(tid) ?? new Map<string, number>();
      byTid.set(tid, set);
      // Identity of a record: everything parsed, without its position in the file.
      for (const p of d.posts) set.set(JSON.stringify({ ...p, source: null, blocks: p.blocks.map((b) => ({ ...b, line: 0 })) }), p.floor);
    }
    const shown = new Map<string, number[]>();
    for (const f of htmlFiles(r.out)) {
      const m = /^t\/([^/]+)\//.exec(f);
      if (!m || f.includes('/floors/')) continue;
      // A regex scan, not a DOM: some pages nest 10,000 elements deep.
      const floors = [...readFileSync(join(r.out, f), 'utf8').matchAll(/<article\b[^>]*\bid="f(\d+)(?:-\d+)?"/g)].map((x) => +x[1]);
      shown.set(m[1], [...(shown.get(m[1]) ?? []), ...floors]);
    }
    const problems: string[] = [];
    let expected = 0;
    for (const [tid, set] of byTid) {
      expected += set.size;
      if (!/^\d+$/.test(tid)) continue;
      const want = [...set.values()].sort((a, b) => a - b);
      const got = (shown.get(tid) ?? []).sort((a, b) => a - b);
      if (JSON.stringify(want) !== JSON.stringify(got)) problems.push(`thread ${tid}: floors ${JSON.stringify(want)} expected, site shows ${JSON.stringify(got)}`);
    }
    const articles = [...shown.values()].reduce((n, a) => n + a.length, 0);
    assert.deepEqual(problems, []);
    assert.equal(articles, expected, 'articles on thread pages vs distinct parsed posts');
    assert.equal(r.report.counts.posts, expected, 'build-report counts.posts');
  });

  test('the 10,000-deep quote and the 50 MB file render their posts', () => {
    const pages = htmlFiles(r.out).filter((f) => f.startsWith('t/9100006/') || f.startsWith('t/9100005/'));
    const text = pages.map((f) => readFileSync(join(r.out, f), 'utf8').replace(/<[^>]*>/g, '')).join('\n');
    for (const s of ['最深处', '未闭合', '交错', '之后的楼层照常显示', '前面的文字', '后面的文字']) assert.ok(text.includes(s), `"${s}" missing`);
  });

  test('quote nesting in the output is capped (10,000 levels of indentation push text off screen)', () => {
    let worst = 0;
    for (const f of htmlFiles(r.out).filter((f) => f.startsWith('t/9100006/'))) {
      let depth = 0;
      for (const m of readFileSync(join(r.out, f), 'utf8').matchAll(/<(\/?)blockquote\b/g)) worst = Math.max(worst, (depth += m[1] ? -1 : 1));
    }
    assert.ok(worst <= MAX_QUOTE_DEPTH, `blockquotes nested ${worst} deep in t/9100006/ (cap: ${MAX_QUOTE_DEPTH})`);
  });

  test('--strict turns warnings into a failing exit code (1); without it the same input builds (0)', async () => {
    // The same input without --strict is the main build above: exit 0.
    const one = join(archive, '外野', '9100007-01[不可能的日期].md');
    const s = await build(one, join(tmp.path, 'out-strict'), { strict: true });
    assert.notEqual(s.code, 2, `exit 2 is a usage error: is --strict an option of \`loulan build\`?\n${s.stderr}`);
    assert.equal(s.code, 1, `a --strict build of a file with warnings must fail\n${s.stderr}`);
  });
});

describe('usage errors exit 2, before building anything', () => {
  test('a missing input path, a missing --out, an unknown option', async () => {
    // In-process (src/cli.ts main) rather than three child processes: same code path, no start-up cost.
    const { main } = await import('../../src/cli.ts');
    const tmp = tempDir('usage');
    try {
      const out = join(tmp.path, 'out');
      for (const args of [['build', join(tmp.path, 'no-such-archive'), '--out', out], ['build', join(tmp.path)], ['build', tmp.path, '--out', out, '--no-such-option']]) {
        let err = '';
        const sink = (add: (s: string) => void) => new Writable({ write: (chunk, _enc, done) => (add(String(chunk)), done()) });
        const code = await main(args, { out: sink(() => {}), err: sink((s) => (err += s)) });
        assert.equal(code, 2, `loulan ${args.join(' ')} → exit ${code}\n${err}`);
        assert.match(err, /usage/i, 'the usage line is printed');
      }
      assert.deepEqual(readdirSync(tmp.path), [], 'nothing written');
    } finally {
      tmp.cleanup();
    }
  });
});

describe('archive with a symlink loop and a dangling symlink', () => {
  let tmp: ReturnType<typeof tempDir>;
  let r: BuildResult;
  before(async () => {
    tmp = tempDir('symlinks');
    writeSymlinkArchive(join(tmp.path, 'archive'));
    r = await build(join(tmp.path, 'archive'), join(tmp.path, 'out'), { timeoutMs: 60_000 });
  });
  after(() => tmp?.cleanup());

  test('the build neither crashes nor loops, and reports the dangling link', () => {
    assert.equal(r.code, 0, `exit ${r.code}\n${r.stderr.slice(-3000)}`);
    assert.ok(locations(r.report).some((l) => sameFile(l.file, GEN.dangling)), `dangling symlink ${GEN.dangling} not reported`);
  });
  test('the thread beside the links is built once', () => {
    const pages = htmlFiles(r.out).filter((f) => f.startsWith('t/9100015/') && !f.startsWith('t/9100015/authors/'));
    assert.equal(pages.length, 1);
    assert.equal(r.report.counts.posts, 2, 'posts counted once, not once per path through the loop');
  });
});
