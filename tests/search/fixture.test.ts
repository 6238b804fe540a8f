// Queries over the fixture archive (tests/fixtures/search/archive) and their exact answers:
// hits as "tid#floor", newest first unless asked.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeFetchFile } from '../../src/search/fetch-node.ts';
import { MESSAGES, search, type SearchQuery } from '../../src/search/query.ts';
import { indexArchive, scratch } from './helpers.ts';

const ARCHIVE = fileURLToPath(new URL('../fixtures/search/archive', import.meta.url));
let root = '';

before(async () => {
  const dir = scratch('fixture');
  root = join(dir, 'index');
  await indexArchive(ARCHIVE, root, join(dir, 'tmp'));
});

const run = (q: SearchQuery) => search(nodeFetchFile(root), q);
const floors = async (q: SearchQuery) => (await run(q)).hits.map((h) => `${h.tid}#${h.floor}`);
const marked = (parts: { text: string; mark: boolean }[]) => parts.filter((p) => p.mark).map((p) => p.text);

const CASES: [string, SearchQuery, string[]][] = [
  ['CJK word; the quoted copy in #2 is not a hit', { q: '显卡' }, ['4200001#1']],
  ['quote text found only in the post that wrote it', { q: '这是一段测试' }, ['4200001#1']],
  ['crossing a word boundary (是一段)', { q: '是一段' }, ['4200003#2', '4200001#1', '4200002#2']],
  ['crossing a word boundary (段简)', { q: '段简' }, ['4200003#2']],
  ['digits inside a Latin-digit word', { q: '4090' }, ['4200001#3', '4200001#2', '4200001#1']],
  ['two terms', { q: 'RTX 4090' }, ['4200001#3', '4200001#2', '4200001#1']],
  ['quoted term keeps its space; full-width text matches', { q: '"rtx 4090"' }, ['4200001#3', '4200001#2']],
  ['full-width query, no space', { q: 'ＲＴＸ４０９０' }, ['4200001#1']],
  ['case folded, mixed', { q: '4060TI' }, ['4200001#1']],
  ['kana', { q: 'ブルアカ' }, ['4200001#4', '4200002#1']],
  ['inside a long post; quoted copy excluded', { q: '长帖深处的暗号青梅竹马' }, ['4200002#2']],
  ['quoted excerpt only elsewhere', { q: '青梅竹马' }, ['4200002#2']],
  ['full-width and half-width, case', { q: 'ＨＥＬＬＯ world' }, ['4200002#3']],
  ['common word', { q: '什么' }, ['4200003#2', '4200002#4', '4200001#5', '4200001#4']],
  ['oldest first', { q: '什么', order: 'oldest' }, ['4200001#4', '4200001#5', '4200002#4', '4200003#2']],
  ['board filter', { q: '什么', board: '游戏区' }, ['4200002#4']],
  ['author filter', { q: '什么', author: '乙' }, ['4200002#4', '4200001#5']],
  ['date range, inclusive days, Beijing time', { q: '什么', from: '2023-06-01', to: '2023-07-02' }, ['4200002#4', '4200001#5']],
  ['date range end', { q: '什么', to: '2023-07-01' }, ['4200001#5', '4200001#4']],
  ['author alone', { q: '', author: '乙' }, ['4200002#4', '4200001#5', '4200001#2']],
  ['a term found nowhere', { q: '不存在的词' }, []],
  ['one term found nowhere', { q: '什么 不存在的词' }, []],
  ['a short term beside a long one is checked on the text', { q: '什么 说' }, ['4200002#4', '4200001#5']],
];

for (const [name, q, want] of CASES) {
  test(`query: ${name}`, async () => {
    const r = await run(q);
    assert.deepEqual(r.hits.map((h) => `${h.tid}#${h.floor}`), want);
    assert.equal(r.total, want.length);
    assert.equal(r.totalIsExact, true);
  });
}

test('hit fields: thread, board, floor, author, time, URL, snippet marks the match in the original text (whitespace runs shown as one space)', async () => {
  const [h] = (await run({ q: 'rtx 4090', author: '乙' })).hits;
  assert.equal(h.title, '显卡价格讨论：4060Ti值不值');
  assert.equal(h.board, '外野');
  assert.equal(h.floor, 2);
  assert.equal(h.author, '乙');
  assert.equal(h.postedAt, '2023-05-01T10:05:00+08:00');
  assert.equal(h.url, 't/4200001/1/#f2');
  assert.deepEqual(marked(h.snippet), ['ＲＴＸ', '４０９０']);
  const [q] = (await run({ q: '"rtx 4090"', author: '乙' })).hits;
  assert.deepEqual(q.snippet, [{ text: '我觉得', mark: false }, { text: 'ＲＴＸ ４０９０', mark: true }, { text: '值得买', mark: false }]);
  const [long] = (await run({ q: '暗号' })).hits;
  assert.deepEqual(marked(long.snippet), ['暗号']);
  assert.equal(long.snippet[0].text[0], '…');
  assert.ok(long.snippet.map((p) => p.text).join('').length < 120);
});

test('titles: listed apart, one CJK character searches titles only with a message', async () => {
  const cat = await run({ q: '猫' });
  assert.equal(cat.message, MESSAGES.short);
  assert.deepEqual(cat.hits, []);
  assert.deepEqual(cat.titles.map((t) => t.tid), ['4200003']);
  const kana = await run({ q: 'ブルアカ' });
  assert.deepEqual(kana.titles.map((t) => [t.tid, marked(t.title)]), [['4200002', ['ブルアカ']]]);
  const title = await run({ q: '值不值' });
  assert.deepEqual([title.hits.length, title.titles.map((t) => t.url)], [0, ['t/4200001/1/']]);
});

test('paging by cursor and by page number reaches every hit once', async () => {
  const all = await floors({ q: '什么' });
  const seen: string[] = [];
  let r = await run({ q: '什么', limit: 1 });
  for (;;) {
    seen.push(...r.hits.map((h) => `${h.tid}#${h.floor}`));
    if (!r.next) break;
    assert.equal(r.totalIsExact, false);
    r = await run({ q: '什么', limit: 1, cursor: r.next });
  }
  assert.deepEqual(seen, all);
  assert.equal(r.totalIsExact, true);
  assert.equal(r.total, 4);
  assert.deepEqual(await floors({ q: '什么', limit: 2, page: 2 }), all.slice(2));
  const old = await run({ q: '什么', order: 'oldest', limit: 3 });
  assert.deepEqual((await run({ q: '什么', order: 'oldest', limit: 3, cursor: old.next! })).hits.map((h) => h.floor), [2]);
});

test('messages: empty query, unknown board, broken date or cursor', async () => {
  assert.equal((await run({ q: '  ' })).message, MESSAGES.empty);
  assert.equal((await run({ q: '什么', board: '不存在' })).message, MESSAGES.board('不存在'));
  assert.equal((await run({ q: '什么', from: '2023-02-30' })).message, MESSAGES.date);
  assert.equal((await run({ q: '什么', cursor: 'x' })).message, MESSAGES.cursor);
});
