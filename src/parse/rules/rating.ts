// Rating block 评分 (docs/format.md F10.8) → Post.rating. Recognised only from ﹍﹍﹍ followed, with
// empty lines only in between, by 评分, the count line, the table header and divider, rows, and
// 查看全部评分. Normally the end of the body (tail rule); a complete block with text after it is
// still claimed from the middle, with a note. Pasted rating prose (NBSP padding, 收起理由) never
// has this frame and stays text.
//
// Layout: gaps = empty lines after ﹍﹍﹍, after 评分, after the count line, after the last row;
// scores[i] = a row's score as written when it is not " + N" / "-N"; countLine = the count
// line as written when it does not print back from the numbers.
import type { Rating, RatingLayout, RatingRow } from '../../types.ts';
import { claimed, report, type BlockRule, type BodyState } from '../rule.ts';

const SEP = '﹍﹍﹍';
const TITLE = '评分';
const TABLE = '|昵称|战斗力|理由|';
const DIVIDER = '|----|---|---|';
const MORE = '查看全部评分';
const COUNT = /^ 参与人数 (\d+)战斗力 ([+-]?\d+)$/;
const SCORE = /^ ?([+-]) ?(\d+)$/;

interface Found {
  rating: Rating;
  layout: RatingLayout;
  next: number;
}

const countLine = (r: Rating) => ` 参与人数 ${r.participants}战斗力 ${r.total > 0 ? '+' + r.total : r.total}`;
const scoreText = (n: number) => (n >= 0 ? ` + ${n}` : String(n));
const rowLine = (r: RatingRow, score: string) => `|${r.user === '' ? '' : ' ' + r.user}|${score}|${r.reason}|`;

/** Parse a block starting at lines[i] === SEP, within [i, end). */
function parseAt(lines: string[], i: number, end: number): Found | null {
  const gaps: number[] = [];
  let j = i + 1;
  const expect = (ok: (l: string) => boolean) => {
    const k = j;
    while (j < end && lines[j] === '') j++;
    if (j >= end || !ok(lines[j])) return false;
    gaps.push(j - k);
    return true;
  };
  if (!expect((l) => l === TITLE)) return null;
  j++;
  if (!expect((l) => COUNT.test(l))) return null;
  const count = lines[j++];
  if (!expect((l) => l === TABLE) || j + 1 >= end || lines[j + 1] !== DIVIDER) return null;
  const m = COUNT.exec(count)!;
  const rating: Rating = { participants: Number(m[1]), total: Number(m[2]), rows: [] };
  const layout: RatingLayout = { gaps };
  if (countLine(rating) !== count) layout.countLine = count;
  const scores: (string | undefined)[] = [];
  for (j += 2; j < end && lines[j].charCodeAt(0) === 0x7c /* | */; j++) {
    const row = parseRow(lines[j]);
    if (!row) return null;
    rating.rows.push(row.row);
    scores.push(row.score);
  }
  if (!expect((l) => l === MORE)) return null;
  if (scores.some((s) => s !== undefined)) layout.scores = scores;
  return { rating, layout, next: j + 1 };
}

/** "| RATER| + N|REASON|": rater up to the first "|", score up to the second, reason up to the last. */
function parseRow(line: string): { row: RatingRow; score?: string } | null {
  const a = line.indexOf('|', 1);
  const b = a < 0 ? -1 : line.indexOf('|', a + 1);
  if (b < 0 || line.length < b + 2 || !line.endsWith('|')) return null;
  const rater = line.slice(1, a);
  const s = SCORE.exec(line.slice(a + 1, b));
  if (!s || (rater !== '' && rater.charCodeAt(0) !== 0x20)) return null;
  const score = s[1] === '-' ? -Number(s[2]) : Number(s[2]);
  const row: RatingRow = { user: rater.slice(1), score, reason: line.slice(b + 1, -1) };
  const raw = line.slice(a + 1, b);
  if (rowLine(row, raw) !== line) return null; // "| |" (a lone space) prints back as "||"
  return raw === scoreText(score) ? { row } : { row, score: raw };
}

function claim(state: BodyState, i: number, found: Found): void {
  const block = { kind: 'rating' as const, line: state.firstLine + i, rating: found.rating, layout: found.layout };
  if (found.next === state.end) {
    state.tail.push(block);
    state.end = i;
  } else {
    state.head.push(block);
    state.start = found.next;
  }
}

function print(b: { rating: Rating; layout: RatingLayout }, out: string[]): void {
  const { rating: r, layout: l } = b;
  const blank = (n: number) => {
    for (let k = 0; k < n; k++) out.push('');
  };
  out.push(SEP);
  blank(l.gaps[0]);
  out.push(TITLE);
  blank(l.gaps[1]);
  out.push(l.countLine ?? countLine(r));
  blank(l.gaps[2]);
  out.push(TABLE, DIVIDER);
  r.rows.forEach((row, k) => out.push(rowLine(row, l.scores?.[k] ?? scoreText(row.score))));
  blank(l.gaps[3]);
  out.push(MORE);
}

/** Tail rule: the block that ends the body. */
export const rating: BlockRule<'rating'> = {
  kind: 'rating',
  parse(state) {
    const { lines, start } = state;
    if (lines[state.end - 1] !== MORE) return false;
    // Walk back over the block's own kinds of line to its ﹍﹍﹍.
    let i = state.end - 2;
    while (i >= start && lines[i] !== SEP && (lines[i] === '' || lines[i].charCodeAt(0) === 0x7c || lines[i] === TITLE || lines[i].startsWith(' 参与人数'))) i--;
    if (i < start || lines[i] !== SEP) return false;
    const found = parseAt(lines, i, state.end);
    if (!found || found.next !== state.end) return false;
    claim(state, i, found);
    return true;
  },
  print,
};

/** Middle rule: a complete block followed by more text; a broken frame is reported. */
export const ratingInMiddle: BlockRule<'rating'> = {
  kind: 'rating',
  parse(state) {
    const { lines, start } = state;
    if (lines[start] !== SEP) return false;
    const found = claimed(state, 'rating') === undefined ? parseAt(lines, start, state.end) : null;
    if (found) {
      report(state, start, 'info', 'rating-not-at-end', 'rating block followed by more text');
      claim(state, start, found);
      return true;
    }
    let k = start + 1;
    while (k < state.end && lines[k] === '') k++;
    if (lines[k] === TITLE && k < state.end) {
      report(state, start, 'warning', 'rating-malformed', '﹍﹍﹍ and 评分 without a complete count line, table and 查看全部评分; kept as text');
    }
    return false;
  },
  print,
};
