// The last gate on real posts: renders every post of an archive as a site build does (pages of
// --per-page posts, floor links, author links, smiley URLs), then counts the bodies
// isFixedPoint passes and the bodies sanitize-html actually changes (showing where), and
// times sanitizeBodies against the gate before it (one sanitize-html call per page).
//   node --import tsx bench/sanitize.ts [--input ../shared/corpus] [--per-page 50] [--rounds 5] [--show 10]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { listGroups } from '../src/read/group.ts';
import { readThread } from '../src/model/thread.ts';
import { resolveQuotes } from '../src/model/quotes.ts';
import { renderPostUnsanitized, type RenderContext } from '../src/render/index.ts';
import { isFixedPoint, sanitizeBodies, sanitizePostHtml } from '../src/render/sanitize.ts';
import { layoutThread } from '../src/site/threads/paginate.ts';
import { Urls } from '../src/site/data/urls.ts';
import { authorSlug } from '../src/site/data/slug.ts';
import { hasAuthorPage } from '../src/site/threads/article.ts';

const { values } = parseArgs({ options: { input: { type: 'string', default: '../shared/corpus' }, 'per-page': { type: 'string', default: '50' }, rounds: { type: 'string', default: '5' }, show: { type: 'string', default: '10' } } });
const perPage = Number(values['per-page']);

/** Raw bodies of every page of every thread, rendered with a build's links. */
function pagesOf(input: string): string[][] {
  const pages: string[][] = [];
  const urls = new Urls('/');
  for (const [n, group] of listGroups([input]).groups.entries()) {
    let thread;
    try {
      thread = readThread(group);
    } catch {
      continue;
    }
    resolveQuotes(thread);
    const key = String(group.tid ?? `g${n}`);
    const layout = layoutThread(thread.posts.map((p) => p.floor), perPage);
    const posters = new Set(thread.posts.filter(hasAuthorPage).map((p) => p.author));
    const ctx: RenderContext = {
      floorHref: (floor) => {
        const at = layout.floorAt.get(floor);
        return at ? `${urls.thread(key, at.page)}#${at.id}` : null;
      },
      authorHref: (name) => (posters.has(name) ? urls.author(authorSlug(name)) : null),
      smileyUrl: (s) => s.url,
    };
    const raw = thread.posts.map((p) => renderPostUnsanitized(p, ctx));
    for (let i = 0; i < raw.length; i += perPage) pages.push(raw.slice(i, i + perPage));
  }
  return pages;
}

/** The gate before isFixedPoint: every body through one sanitize-html call per page. */
const CUT = '<span class="bench-cut-7f3a"></span>';
const gateBefore = (page: string[]) => sanitizePostHtml(page.join(CUT)).split(CUT);

/** CPU µs (user + system) per post, best of the rounds: steadier than wall time on a shared machine. */
function usPerPost(pages: string[][], posts: number, gate: (page: string[]) => unknown, rounds: number): number {
  const cpu = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t = cpu();
    for (const page of pages) gate(page);
    best = Math.min(best, cpu() - t);
  }
  return best / posts;
}

/** Where sanitize-html changed a body: the first differing place, both sides. */
function firstChange(raw: string, out: string): string {
  let i = 0;
  while (i < raw.length && raw[i] === out[i]) i++;
  const from = Math.max(0, i - 30);
  return `…${JSON.stringify(raw.slice(from, i + 40))}\n   → ${JSON.stringify(out.slice(from, i + 40))}`;
}

const pages = pagesOf(values.input);
const bodies = pages.flat();
let passed = 0;
const changed: string[] = [];
for (const raw of bodies) {
  if (isFixedPoint(raw)) passed++;
  const out = sanitizePostHtml(raw);
  if (out !== raw) changed.push(firstChange(raw, out));
}
const rounds = Number(values.rounds);
const before = usPerPost(pages, bodies.length, gateBefore, rounds);
const after = usPerPost(pages, bodies.length, sanitizeBodies, rounds);
console.log(`${values.input}: ${bodies.length} post bodies in ${pages.length} pages of ≤ ${perPage}`);
console.log(`isFixedPoint passes ${passed} (${((passed / bodies.length) * 100).toFixed(2)} %); sanitize-html changes ${changed.length}`);
console.log(`CPU µs per post (best of ${rounds}, load ${loadavg()[0].toFixed(1)}): one sanitize-html call per page ${before.toFixed(2)}, sanitizeBodies ${after.toFixed(2)} (${(before / after).toFixed(1)}×)`);
for (const c of changed.slice(0, Number(values.show))) console.log(` - ${c}`);
