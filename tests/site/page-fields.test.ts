// A thread page's input hash (src/site/threads/build-thread.ts) covers the thread fields listed
// in HEAD_FIELDS (and SPAN_FIELDS on the first page, which shows the span), and a numbered
// board page's, the fields its rows show (NUMBERED_ROW_FIELDS). A field a page shows but the
// hash misses would leave stale pages after a rebuild: the thread page is rendered with every
// other field changed, and the board row's fields are read from the template and the macros it
// calls (and those they call); either fails when the lists fall behind.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { NUMBERED_ROW_FIELDS } from '../../src/site/build/plan.ts';
import { HEAD_FIELDS, SPAN_FIELDS, threadMain } from '../../src/site/threads/thread-page.ts';
import { sitePage, siteThread } from '../../src/site/data/site-data.ts';
import type { SiteThread, ThreadMeta } from '../../src/site/data/types.ts';
import { Urls } from '../../src/site/data/urls.ts';

const TEMPLATES = join(import.meta.dirname, '../../templates');
const read = (p: string) => readFileSync(join(TEMPLATES, p), 'utf8');

/** Fields read as `<name>.field` in a Nunjucks text. */
const fieldsOf = (text: string, name: string) => new Set([...text.matchAll(new RegExp(`\\b${name}\\.(\\w+)`, 'g'))].map((m) => m[1]));

/** Body of `{% macro name(…) %} … {% endmacro %}`. */
function macro(text: string, name: string): string {
  const m = new RegExp(`{% macro ${name}\\(([^)]*)\\) %}([\\s\\S]*?){% endmacro %}`).exec(text);
  assert.ok(m, `macro ${name} not found`);
  return m[2];
}

/** Fields of `name` read in a macro's body and in the macros of the same file it calls with `name` (`titleLink(t)`), at any depth. */
function macroFields(text: string, macroName: string, name: string, seen = new Set<string>()): Set<string> {
  seen.add(macroName);
  const body = macro(text, macroName);
  const fields = fieldsOf(body, name);
  for (const [, called] of body.matchAll(new RegExp(`\\b(\\w+)\\(${name}\\b`, 'g'))) {
    if (!seen.has(called) && text.includes(`{% macro ${called}(`)) for (const f of macroFields(text, called, name, seen)) fields.add(f);
  }
  return fields;
}

test('a thread page shows no thread field beyond HEAD_FIELDS, and SPAN_FIELDS on its first page only', () => {
  const meta: ThreadMeta = { tid: '7', key: '7', title: '主题', board: '外野', inaccessible: true, closesAt: '2024-05-01T00:00:00+08:00', forumUrl: 'https://bbs.example/7', author: '甲', posts: 120, firstFloor: 1, lastFloor: 120, firstPostAt: '2024-01-01T10:00:00+08:00', lastPostAt: '2024-03-01T10:00:00+08:00', pages: 3 };
  const pages = [1, 2, 3].map((page) => ({ page, from: page * 40 - 39, to: page * 40, min: page * 40 - 39, max: page * 40 }));
  const urls = new Urls('/');
  const t = siteThread({ meta, starter: '甲', pages }, 'waiye', urls, new Set(['甲']));
  // Every field of the thread not listed, changed (each differs in `other`): a page must come out the same.
  const changed = (listed: readonly string[]): SiteThread => {
    const otherMeta: ThreadMeta = { tid: '8', key: '8', title: '别的', board: '漫区', inaccessible: false, closesAt: null, forumUrl: null, author: '乙', posts: 1, firstFloor: 5, lastFloor: 5, firstPostAt: null, lastPostAt: null, pages: 1 };
    const other = siteThread({ meta: otherMeta, starter: '乙', pages: [{ page: 1, from: 5, to: 5, min: 5, max: 5 }] }, 'b-other', urls, new Set(['乙']));
    return Object.fromEntries(Object.keys(t).map((f) => [f, listed.includes(f) ? t[f as keyof SiteThread] : other[f as keyof SiteThread]])) as unknown as SiteThread;
  };
  const page = (th: SiteThread, n: number) => threadMain(th, sitePage('7', { ...pages[n - 1], count: 40 }, 3, [], urls), '/', '<article></article>\n');
  assert.equal(page(changed(HEAD_FIELDS), 2), page(t, 2), 'a later page reads a field its input hash misses');
  assert.equal(page(changed([...HEAD_FIELDS, ...SPAN_FIELDS]), 1), page(t, 1), 'the first page reads a field its input hash misses');
  assert.notEqual(page(changed(HEAD_FIELDS), 1), page(t, 1), 'the first page shows the span');
  for (const f of ['title', 'board', 'authorHref', 'forumUrl', 'closesAt', 'inaccessible'] as const) assert.notEqual(page({ ...t, [f]: null }, 2), page(t, 2), `${f} is shown`);
});

test('a site thread carries every field of its meta, the board name cleaned', () => {
  const meta: ThreadMeta = { tid: '7', key: '7', title: '主题', board: '外\u0007野', inaccessible: true, closesAt: '2024-05-01T00:00:00+08:00', forumUrl: 'https://bbs.example/7', author: '甲', posts: 120, firstFloor: 1, lastFloor: 120, firstPostAt: '2024-01-01T10:00:00+08:00', lastPostAt: '2024-03-01T10:00:00+08:00', pages: 1 };
  const t = siteThread({ meta, starter: '甲', pages: [{ page: 1, from: 1, to: 120, min: 1, max: 120 }] }, 'waiye', new Urls('/'), new Set(['甲']));
  for (const [field, value] of Object.entries(meta)) assert.deepEqual(t[field as keyof SiteThread], field === 'board' ? '外野' : value, field);
});

test("every thread field a numbered board page's row reads is in NUMBERED_ROW_FIELDS, and none changes with a reply", () => {
  const board = read('board.njk');
  assert.match(board, /{% if bp\.page %}{{ m\.startedTable\(bp\.threadList\) }}/, 'numbered pages list their threads with startedTable');
  const rowFields = macroFields(read('_includes/partials/macros.njk'), 'startedTable', 't');
  assert.deepEqual([...rowFields].filter((f) => !(NUMBERED_ROW_FIELDS as readonly string[]).includes(f)), [], 'read by the row but not hashed');
  assert.ok(rowFields.has('title') && rowFields.has('firstPostAt'), 'the reader finds fields at all');
  for (const f of ['posts', 'lastPostAt', 'pages', 'lastFloor']) assert.ok(!(NUMBERED_ROW_FIELDS as readonly string[]).includes(f), `${f} changes with a reply`);
});
