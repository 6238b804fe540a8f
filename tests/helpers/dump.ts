// Writes thread dumps in the 2023 format (docs/format.md F1, F5–F7) for fixtures.
export interface PostSpec {
  floor: number;
  author: string;
  /** "YYYY-M-D HH:MM" as the forum writes it. */
  time: string;
  /** The `1# 楼主` opening-post header form. Default: floor === 1. */
  opening?: boolean;
  /** The `楼主|` form (a later post by the thread starter). */
  byOp?: boolean;
  anonymous?: boolean;
  body: string | string[];
}

export function authorLine(p: Pick<PostSpec, 'author' | 'anonymous'>): string {
  return p.anonymous ? '####   匿名' : `####  ${p.author}  `;
}

export function headerLine(p: PostSpec): string {
  const opening = p.opening ?? p.floor === 1;
  if (opening) return `##### ${p.floor}#       楼主       ${p.anonymous ? '匿名\u00a0  ' : ''}发表于 ${p.time}`;
  if (p.byOp) return `##### ${p.floor}#        \u00a0楼主| 发表于 ${p.time}`;
  if (p.anonymous) return `##### ${p.floor}#        匿名\u00a0  发表于 ${p.time}`;
  return `##### ${p.floor}#       发表于 ${p.time}`;
}

export function postText(p: PostSpec): string {
  const body = Array.isArray(p.body) ? p.body.join('\n') : p.body;
  return `*****\n\n${authorLine(p)}\n${headerLine(p)}\n\n${body}\n\n`;
}

/** A whole dump file: "\n" preamble, then the posts. */
export function dumpText(posts: PostSpec[]): string {
  return '\n' + posts.map(postText).join('');
}

/** A Form A quote (anchor with the doubled scheme), as the forum dumps it (docs/format.md F10.4). */
export function quoteA(author: string, time: string, excerpt: string, pid: number, tid: number | string, host = 'bbs.saraba1st.com'): string {
  return (
    `<blockquote><a href="httphttps://${host}/2b/forum.php?mod=redirect&amp;goto=findpost&amp;pid=${pid}&amp;ptid=${tid}" target="_blank">${author} 发表于 ${time}</a>\n` +
    `\n${excerpt}</blockquote>`
  );
}

/** A Form B quote (no link). */
export function quoteB(author: string, time: string, excerpt: string): string {
  return `<blockquote>${author} 发表于 ${time}\n${excerpt}</blockquote>`;
}

/** Minute-resolution times, one per floor, from a start date (all on valid days). */
export function floorTime(floor: number, startDay = 1, month = 3, year = 2023): string {
  const minutes = floor * 7;
  const day = startDay + Math.floor(minutes / (24 * 60));
  const h = Math.floor((minutes % (24 * 60)) / 60);
  const m = minutes % 60;
  return `${year}-${month}-${day} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
