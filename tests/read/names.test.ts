import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEntities } from '../../src/common/text.ts';
import { compareNames, firstFloorOf, parseFileName, parseFolderName } from '../../src/read/names.ts';

test('2023 names: tid, part (2 or 3 digits), raw title', () => {
  assert.deepEqual(parseFileName('2100013-02[现在就是底部].md'), { layout: '2023', tid: '2100013', part: 2, pages: null, rawTitle: '现在就是底部' });
  assert.equal(parseFileName('1105387-101[真·颜团].md').part, 101);
  assert.equal(parseFileName('1924190-01[漫威&lt;暗夜之子&gt;].md').rawTitle, '漫威&lt;暗夜之子&gt;');
});

test('a 2023 name without [title]', () => {
  assert.deepEqual(parseFileName('9100009-01.md'), { layout: '2023', tid: '9100009', part: 1, pages: null, rawTitle: '' });
});

test('2020 names: bracket part after the title, page ranges anchored at both ends', () => {
  assert.deepEqual(parseFileName('1914322[【VR】弥希miki真爱楼]-01.md'), { layout: '2020-bracket', tid: '1914322', part: 1, pages: null, rawTitle: '【VR】弥希miki真爱楼' });
  assert.equal(parseFileName('1831320[]-32.md').rawTitle, '');
  const p = parseFileName('1580216-2018年4月命运石之门0／Steins;Gate 0 第23话 完-66-66页.md');
  assert.deepEqual([p.layout, p.tid, p.pages, p.rawTitle], ['2020-pages', '1580216', [66, 66], '2018年4月命运石之门0／Steins;Gate 0 第23话 完']);
  assert.equal(parseFileName('3000007-旧版-页码名-1-2页.md').rawTitle, '旧版-页码名');
  assert.equal(firstFloorOf(p), 65 * 30 + 1);
  assert.equal(firstFloorOf(parseFileName('1105387-101[x].md')), 100 * 1500 + 1);
});

test('tid-led names of no grammar are loose; others opaque', () => {
  assert.deepEqual([parseFileName('1910783疫情4号楼.md').layout, parseFileName('1910783疫情4号楼.md').tid], ['loose', '1910783']);
  assert.equal(parseFileName('000_93d286e2faad30e7.txt').layout, 'opaque');
  assert.equal(parseFileName('README.md').tid, null);
});

test('thread folders', () => {
  assert.deepEqual(parseFolderName('2100013[现在就是底部]'), { tid: '2100013', rawTitle: '现在就是底部' });
  assert.deepEqual(parseFolderName('1105845-《一拳超人》动画讨论楼'), { tid: '1105845', rawTitle: '《一拳超人》动画讨论楼' });
  assert.equal(parseFolderName('外野'), null);
  assert.equal(parseFolderName('0无法访问'), null);
});

test('entities are decoded exactly once', () => {
  assert.equal(decodeEntities('2期&amp;转生日记'), '2期&转生日记');
  assert.equal(decodeEntities('&amp;lt;img&amp;gt;'), '&lt;img&gt;');
  assert.equal(decodeEntities('&#x4e2d;&#25991; &bogus;'), '中文 &bogus;');
});

test('names sort deterministically, parts numerically', () => {
  const parts = ['x-100[t].md', 'x-02[t].md', 'x-99[t].md', 'x-01[t].md'].sort(compareNames);
  assert.deepEqual(parts, ['x-01[t].md', 'x-02[t].md', 'x-99[t].md', 'x-100[t].md']);
  assert.ok(compareNames('a-01', 'a-1') !== 0, 'distinct names never compare equal');
});
