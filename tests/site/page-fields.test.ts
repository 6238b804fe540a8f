// A thread page's input hash (src/site/build/plan.ts) covers exactly the thread fields that
// templates/thread.njk lists in HEAD_FIELDS (and SPAN_FIELDS on pages that show the span), and
// a numbered board page's, the fields its rows show (NUMBERED_ROW_FIELDS).
// A field the template reads but the hash misses would leave stale pages after a rebuild:
// this reads the template and the macros it calls (and those they call), and fails when the lists fall behind.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { HEAD_FIELDS, NUMBERED_ROW_FIELDS, SPAN_FIELDS } from '../../src/site/build/plan.ts';

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

test('every thread field a thread page reads is in HEAD_FIELDS, or SPAN_FIELDS inside the span', () => {
  const page = read('thread.njk');
  const macros = read('_includes/partials/macros.njk');
  assert.match(page, /{% set t = p\.thread %}/, 'the page names the thread t');
  const called = [...page.matchAll(/\bm\.(\w+)\(t\b/g)].map((m) => m[1]);
  assert.ok(called.includes('span') && called.includes('threadPager'), `macros called with t: ${called}`);
  const head = new Set<string>(HEAD_FIELDS);
  const outsideSpan = new Set([...fieldsOf(page, 't'), ...called.filter((c) => c !== 'span').flatMap((c) => [...macroFields(macros, c, 't')])]);
  const inSpan = macroFields(macros, 'span', 't');
  const data = read('thread.11tydata.js');
  for (const f of fieldsOf(data, 'p\\.thread')) outsideSpan.add(f);
  assert.deepEqual([...outsideSpan].filter((f) => !head.has(f)), [], 'read on every thread page but not hashed');
  assert.deepEqual([...inSpan].filter((f) => !head.has(f) && !(SPAN_FIELDS as readonly string[]).includes(f)), [], 'read by the span but not hashed');
  assert.ok(inSpan.has('posts') && outsideSpan.has('title'), 'the reader finds fields at all');
});

test("every thread field a numbered board page's row reads is in NUMBERED_ROW_FIELDS, and none changes with a reply", () => {
  const board = read('board.njk');
  assert.match(board, /{% if bp\.page %}{{ m\.startedTable\(bp\.threadList\) }}/, 'numbered pages list their threads with startedTable');
  const rowFields = macroFields(read('_includes/partials/macros.njk'), 'startedTable', 't');
  assert.deepEqual([...rowFields].filter((f) => !(NUMBERED_ROW_FIELDS as readonly string[]).includes(f)), [], 'read by the row but not hashed');
  assert.ok(rowFields.has('title') && rowFields.has('firstPostAt'), 'the reader finds fields at all');
  for (const f of ['posts', 'lastPostAt', 'pages', 'lastFloor']) assert.ok(!(NUMBERED_ROW_FIELDS as readonly string[]).includes(f), `${f} changes with a reply`);
});
