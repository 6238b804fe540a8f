// A quote header links the quoted name to the author's page when the context knows one,
// matching the name entity-decoded (attributions can carry it escaped); otherwise the
// header is as before: the name in the floor link.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quoteOpenHtml } from '../../src/render/quote.ts';
import { defaultContext } from '../../src/render/context.ts';
import type { Quote } from '../../src/types.ts';

const quote = (author: string): Quote => ({ author, postedAt: '2023-03-01T10:00:00+08:00', pid: '1', ptid: '2', excerpt: 'x', targetFloor: 3, url: null });
const pages: Record<string, string> = { 'اله': '/u/abc/', '<b>': '/u/def/' };
const ctx = { ...defaultContext, authorHref: (name: string) => pages[name] ?? null };

test('an entity-escaped quoted name is decoded, then linked to its page', () => {
  const html = quoteOpenHtml(quote('&#x627;&#x644;&#x647;'), null, ctx);
  assert.match(html, /<a href="\/u\/abc\/" class="quote-author"><bdi>اله<\/bdi><\/a> <a href="#f3" class="floor-link">发表于 <time/);
});

test('a linked name is escaped', () => {
  assert.match(quoteOpenHtml(quote('&lt;b&gt;'), null, ctx), /<bdi>&lt;b&gt;<\/bdi>/);
});

test('a name without a page stays inside the floor link', () => {
  assert.match(quoteOpenHtml(quote('路人'), null, ctx), /^<blockquote class="quote"><p class="quote-head"><a href="#f3" class="floor-link">路人 发表于 /);
});
