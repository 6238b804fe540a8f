// Rating blocks (docs/format.md F10.8) as a real table: participants and net score in the
// caption, one row per rater; negative scores carry their own class.
import type { Rating } from '../types.ts';
import { decodeEntities } from '../common/text.ts';
import { escText } from '../common/text.ts';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const tone = (n: number) => (n > 0 ? 'pos' : n < 0 ? 'neg' : 'zero');

export function ratingHtml(r: Rating): string {
  let rows = '';
  for (const row of r.rows) {
    rows +=
      `<tr class="${tone(row.score)}"><td>${escText(decodeEntities(row.user))}</td>` +
      `<td class="score ${tone(row.score)}">${signed(row.score)}</td><td>${escText(decodeEntities(row.reason))}</td></tr>`;
  }
  return (
    `<table class="rating"><caption>评分：参与人数 ${r.participants}，战斗力 <span class="score ${tone(r.total)}">${signed(r.total)}</span></caption>` +
    '<thead><tr><th scope="col">昵称</th><th scope="col">战斗力</th><th scope="col">理由</th></tr></thead>' +
    `<tbody>${rows}</tbody></table>`
  );
}
