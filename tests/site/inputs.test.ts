// Several inputs in one build: files of one tid merge across them; tid-less files with the
// same relative path in two inputs stay two threads with two URLs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dumpText } from '../helpers/dump.ts';
import { buildTemp, type Built } from '../helpers/site.ts';

describe('several inputs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loulan-inputs-'));
  let site: Built;
  before(async () => {
    const write = (rel: string, text: string) => {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    };
    const one = (floor: number, author: string, body: string) => dumpText([{ floor, author, time: `2023-6-${floor} 10:00`, body }]);
    write('a/外野/4000001-01[两处的帖子].md', one(1, '甲', '第一部分'));
    write('b/外野/4000001-01[两处的帖子].md', one(2, '乙', '第二部分'));
    write('a/未分类/same.txt', one(1, '丙', '无编号一'));
    write('b/未分类/same.txt', one(1, '丁', '无编号二'));
    site = await buildTemp('inputs', { input: [join(dir, 'a'), join(dir, 'b')] });
  });
  after(() => {
    site?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test('one tid in two inputs is one thread', () => {
    const $ = site.page('t/4000001/');
    assert.deepEqual($('article.post').map((_, e) => $(e).attr('id')).get(), ['f1', 'f2']);
  });

  test('tid-less files with the same relative path get distinct URLs', () => {
    assert.equal(site.report.counts.threads, 3);
    const home = site.page('');
    const keys = home('table.threads td.title a').map((_, a) => home(a).attr('href')).get().filter((h) => h.startsWith('/t/x'));
    assert.equal(new Set(keys).size, 2);
  });
});
