// The search page: reads the query from the URL, runs the shared query module
// (search/lib/query.js, the code `loulan search` runs) over the static index with HTTP
// range requests, and lists the hits with DOM APIs only (Trusted Types: no HTML strings).
// The URL holds the query, so a search can be shared and Back restores its results.
import { search } from './lib/query.js';
import { httpFetchFile } from './lib/fetch-http.js';

const SITE = new URL('../', import.meta.url);
const fetchFile = httpFetchFile(new URL('./index/', import.meta.url).href);
const FIELDS = ['q', 'board', 'author', 'from', 'to', 'order'];
const $ = (id) => document.getElementById(id);
const form = $('search-form');
const status = $('search-status');

/** Cursors of the pages of the current query (page → cursor), so paging forward is cheap. */
let cursors = new Map();
let cursorKey = '';
let latest = 0;

function stateFromUrl() {
  const p = new URLSearchParams(location.search);
  const s = Object.fromEntries(FIELDS.map((f) => [f, (p.get(f) ?? '').slice(0, 1000)]));
  s.page = Math.max(1, Number.parseInt(p.get('page') ?? '1', 10) || 1);
  return s;
}

function stateFromForm() {
  const s = Object.fromEntries(FIELDS.map((f) => [f, String(form.elements[f].value ?? '')]));
  s.page = 1;
  return s;
}

function fillForm(s) {
  for (const f of FIELDS) form.elements[f].value = f === 'order' ? (s.order === 'oldest' ? 'oldest' : 'newest') : s[f];
}

function urlOf(s) {
  const p = new URLSearchParams();
  for (const f of FIELDS) if (s[f] && !(f === 'order' && s[f] === 'newest')) p.set(f, s[f]);
  if (s.page > 1) p.set('page', String(s.page));
  const q = p.toString();
  return location.pathname + (q ? '?' + q : '');
}

function say(text, bad = false) {
  status.textContent = text;
  status.classList.toggle('bad', bad);
}

const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

/** Snippet or title parts, the matches in <mark>. */
function marked(parent, parts) {
  for (const part of parts) parent.append(part.mark ? el('mark', '', part.text) : document.createTextNode(part.text));
  return parent;
}

const when = (iso) => (iso ? iso.slice(0, 10) + ' ' + iso.slice(11, 16) : '时间不详');

function showTitles(titles) {
  const section = $('search-titles');
  const list = section.querySelector('ul');
  list.replaceChildren(
    ...titles.map((t) => {
      const li = el('li');
      const a = marked(el('a'), t.title);
      a.href = new URL(t.url, SITE).href;
      li.append(el('p', 'hit-head'), el('p', 'hit-meta', `${t.board} · 最后回复 ${when(t.lastPostAt)}`));
      li.firstChild.append(a);
      return li;
    }),
  );
  section.hidden = titles.length === 0;
}

function showHits(s, r) {
  const list = $('search-hits');
  list.start = (s.page - 1) * 20 + 1;
  list.replaceChildren(
    ...r.hits.map((h) => {
      const li = el('li');
      const a = el('a', '', `${h.title} · ${h.floor}楼`);
      a.href = new URL(h.url, SITE).href;
      const head = el('p', 'hit-head');
      head.append(a);
      li.append(head, el('p', 'hit-meta', `${h.board} · ${h.anonymous ? '匿名' : h.author} · ${when(h.postedAt)}`), marked(el('p', 'hit-snippet'), h.snippet));
      return li;
    }),
  );
  const prev = $('search-prev');
  const next = $('search-next');
  prev.hidden = s.page <= 1;
  if (!prev.hidden) prev.href = urlOf({ ...s, page: s.page - 1 });
  next.hidden = !r.next;
  if (r.next) next.href = urlOf({ ...s, page: s.page + 1 });
  $('search-page').textContent = s.page > 1 || r.next ? `第 ${s.page} 页` : '';
  $('search-posts').hidden = r.hits.length === 0 && s.page === 1;
}

function summary(r) {
  const count = r.total === 0 ? '没有找到匹配的帖子。' : r.totalIsExact ? `找到 ${r.total} 条帖子。` : `找到超过 ${r.total} 条帖子。`;
  const titles = r.titles.length ? ` 标题匹配 ${r.titles.length} 个主题。` : '';
  return (r.message ? r.message + ' ' : '') + count + titles;
}

async function run(s) {
  const id = ++latest;
  fillForm(s);
  document.title = s.q ? `${s.q} - 搜索 - 楼兰` : '搜索 - 楼兰';
  if (!s.q.trim() && !s.author.trim()) {
    say('');
    $('search-titles').hidden = true;
    $('search-posts').hidden = true;
    return;
  }
  const key = JSON.stringify(FIELDS.map((f) => s[f]));
  if (key !== cursorKey) (cursors = new Map()), (cursorKey = key);
  const query = { q: s.q, order: s.order === 'oldest' ? 'oldest' : 'newest' };
  for (const f of ['board', 'author', 'from', 'to']) if (s[f]) query[f] = s[f];
  const cursor = cursors.get(s.page);
  if (cursor) query.cursor = cursor;
  else if (s.page > 1) query.page = s.page;
  say('正在搜索…');
  let r;
  try {
    r = await search(fetchFile, query);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (id === latest) say(/manifest\.json: HTTP 404/.test(why) ? '这个站点没有搜索索引（构建时用了 --no-search）。' : `搜索出错：${why}`, true);
    return;
  }
  if (id !== latest) return; // a newer search has started
  if (r.next) cursors.set(s.page + 1, r.next);
  showTitles(s.page === 1 ? r.titles : []);
  showHits(s, r);
  say(summary(r));
}

function go(s) {
  history.pushState(null, '', urlOf(s));
  run(s);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  go(stateFromForm());
});
for (const id of ['search-prev', 'search-next']) {
  $(id).addEventListener('click', (e) => {
    e.preventDefault();
    const s = stateFromUrl();
    go({ ...s, page: s.page + (id === 'search-next' ? 1 : -1) });
    $('search-status').scrollIntoView({ block: 'start' });
  });
}
window.addEventListener('popstate', () => run(stateFromUrl()));
run(stateFromUrl());
