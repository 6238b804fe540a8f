// Messy archives (tests/fixtures/messy/ plus big and binary files generated here): the
// build finishes, reports every anomaly with file and line in build-report.json, shows
// every readable post, and exits as documented (warnings pass; --strict makes them fatal).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { parseDump } from '../../src/parse/dump.ts';
import { build, buildSkip, htmlFiles, tempDir, walk, type BuildResult } from '../helpers/build.ts';
import { GEN, unreadableIsReadable, writeMessyArchive } from './messy-archive.ts';

const skip = buildSkip();

/** Anomalies the report must hold: file (relative to the archive root), a line or a line range, what. */
interface Expect {
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

const sameFile = (reported: string, rel: string) => reported === rel || reported.endsWith('/' + rel);

describe('messy archive', { skip }, () => {
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
    const text = (rel: string) => readFileSync(join(archive, rel), 'utf8');
    const expects: Expect[] = [
      { file: GEN.empty, what: 'empty file' },
      { file: GEN.separators, what: 'separators only' },
      { file: GEN.binary, what: 'binary file' },
      { file: GEN.gbk, lines: [1, 1], what: 'GBK-encoded file' },
      { file: GEN.nested, what: 'unbalanced blockquotes (10,000 opened, none closed)' },
      { file: '外野/9100007-01[不可能的日期].md', lines: [lineOf(text('外野/9100007-01[不可能的日期].md'), '##### 2#'), lineOf(text('外野/9100007-01[不可能的日期].md'), '##### 2#')], what: 'impossible date 2024-2-30 25:61' },
      { file: '外野/9100007-01[不可能的日期].md', lines: [lineOf(text('外野/9100007-01[不可能的日期].md'), '##### 3#'), lineOf(text('外野/9100007-01[不可能的日期].md'), '##### 3#')], what: 'impossible date 2023-13-1' },
      { file: '外野/9100008-01[楼层乱序].md', what: 'floors out of order and repeated' },
      { file: '外野/9100009-01.md', what: 'file name without [title]' },
      { file: '游戏区/9100010-01[同号乙].md', what: 'second file claiming tid 9100010' },
      { file: '外野/9100012-01[前言里的文字].md', lines: [1, 1], what: 'text before the first separator' },
      { file: '外野/9100013-01[坏的头行].md', lines: [lineOf(text('外野/9100013-01[坏的头行].md'), '##### 2#'), lineOf(text('外野/9100013-01[坏的头行].md'), '##### 2#')], what: 'unrecognised header line' },
      { file: '专题帖子/疫情/1910783疫情4号楼.md', what: 'foreign-format file' },
      { file: '未分类/000_00000000000000b1.txt.meta.json', what: 'sidecar that is not JSON' },
      { file: GEN.dangling, what: 'dangling symlink' },
    ];
    if (!rootReads) expects.push({ file: GEN.unreadable, what: 'unreadable file (chmod 000)' });
    else console.log('note: running as root, a chmod 000 file stays readable: the unreadable-file case is skipped');
    const locs = locations(r.report);
    const missing = expects.filter((e) => !locs.some((l) => sameFile(l.file, e.file) && Number.isInteger(l.line) && l.line >= 1 && (!e.lines || (l.line >= e.lines[0] && l.line <= e.lines[1]))));
    assert.deepEqual(
      missing.map((e) => `${e.file}${e.lines ? ':' + e.lines[0] : ''} — ${e.what}`),
      [],
      `anomalies missing from build-report.json; reported:\n${locs.map((l) => `  [${l.code}] ${l.text}`).join('\n')}`,
    );
  });

  test('every readable post is on the site', () => {
    // Expected: the distinct records (author line, header line, body) of each tid.
    const byTid = new Map<string, Map<string, string>>();
    for (const rel of walk(archive)) {
      if (!/\.(md|txt)$/.test(rel) || rel === GEN.unreadable || rel === GEN.dangling) continue;
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(archive, rel));
      } catch {
        continue;
      }
      const d = parseDump(bytes, rel);
      if (d.foreign) continue;
      const tid = /(?:^|\/)(\d+)-\d+(?:\[.*\])?\.md$/.exec(rel)?.[1] ?? rel;
      const lines = (bytes.includes(0x0d) ? bytes.toString('utf8').replace(/\r\n/g, '\n') : d.encoding === 'utf-8' ? bytes.toString('utf8') : null)?.split('\n');
      const set = byTid.get(tid) ?? new Map<string, string>();
      byTid.set(tid, set);
      for (const p of d.posts) {
        const raw = lines ? lines.slice(p.source.firstLine, p.source.lastLine).join('\n').replace(/\n+$/, '') : JSON.stringify([p.author, p.floor, p.postedAt, p.body]);
        set.set(raw, `${rel} floor ${p.floor}`);
      }
    }
    const expected = [...byTid.values()].reduce((n, s) => n + s.size, 0);
    let articles = 0;
    for (const f of htmlFiles(r.out)) {
      if (!f.startsWith('t/')) continue;
      const $ = cheerio.load(readFileSync(join(r.out, f), 'utf8'));
      articles += $('article[id]').filter((_, e) => /^f\d+(?:-\d+)?$/.test($(e).attr('id')!)).length;
    }
    assert.equal(articles, expected, `articles on thread pages vs distinct parsed posts (report says ${r.report.counts.posts})`);
    assert.equal(r.report.counts.posts, expected, 'build-report counts.posts');
  });

  test('the 10,000-deep quote and the 50 MB file render their posts', () => {
    const pages = htmlFiles(r.out).filter((f) => f.startsWith('t/9100006/') || f.startsWith('t/9100005/'));
    const text = pages.map((f) => cheerio.load(readFileSync(join(r.out, f), 'utf8'))('main').text()).join('\n');
    for (const s of ['最深处', '未闭合', '交错', '之后的楼层照常显示', '前面的文字', '后面的文字']) assert.ok(text.includes(s), `"${s}" missing`);
  });

  test('--strict turns warnings into a failing exit code (1); without it the same input builds (0)', async () => {
    const one = join(archive, '外野', '9100007-01[不可能的日期].md');
    const plain = await build(one, join(tmp.path, 'out-plain'));
    assert.equal(plain.code, 0, plain.stderr);
    const s = await build(one, join(tmp.path, 'out-strict'), { strict: true });
    assert.notEqual(s.code, 2, `exit 2 is a usage error: is --strict an option of \`loulan build\`?\n${s.stderr}`);
    assert.equal(s.code, 1, `a --strict build of a file with warnings must fail\n${s.stderr}`);
  });
});
