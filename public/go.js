// The go/ page: a forum URL (?url=…, the paste box, or the forum.php query that the
// _redirects rules pass on) → the archived page or floor. On the 404 page: a forum path
// that reached this host (/2b/thread-…-1-1.html) is looked up the same way. Text only
// through textContent; the paste box is a plain GET form and works without this script.
import { land, parseForumUrl } from './forum-url.js';

const root = new URL('./', import.meta.url);

async function load(kind, shard) {
  try {
    const r = await fetch(new URL(`go/${kind}/${shard}.json`, root));
    return r.ok ? await r.json() : null;
  } catch {
    return null;
  }
}

const MISSING = {
  thread: '本存档没有收录这个主题。',
  post: '本存档中找不到这个帖子对应的楼层，下面是该主题的页面。',
  page: '本存档没有这一页的楼层，下面是该主题最接近的一页。',
};

function say(status, text, href) {
  status.replaceChildren(text);
  if (href) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = '打开存档中的主题';
    status.append(' ', a);
  }
  status.hidden = false;
}

async function go(input, status) {
  const target = parseForumUrl(input);
  if (!target) return say(status, '这不是可识别的 Stage1st 论坛帖子地址。');
  say(status, '正在查找…');
  const to = await land(target, load);
  if (to.found) return location.replace(to.href);
  say(status, MISSING[to.reason], to.href);
}

/** What to look up: ?url=, else this page's own forum query or forum path (404). */
function asked() {
  const q = new URLSearchParams(location.search);
  if (q.get('url')) return q.get('url');
  if (q.has('tid') || q.has('pid')) return 'forum.php' + location.search + location.hash;
  if (document.body.classList.contains('error-page') && /\/(?:thread-\d+-\d+-\d+\.html|forum\.php)$/i.test(location.pathname)) {
    return location.pathname.replace(/^.*\//, '') + location.search + location.hash;
  }
  return null;
}

const input = asked();
const status = document.querySelector('.go-status');
if (input && status) {
  const box = document.querySelector('form.go input[name="url"]');
  if (box) box.value = input;
  go(input, status);
}
