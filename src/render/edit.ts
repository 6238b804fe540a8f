// Edit notice (docs/format.md F10.1): post metadata, shown as a quiet line.
import type { Edit } from '../types.ts';
import { decodeEntities } from '../common/text.ts';
import { isoToStamp } from '../parse/time.ts';
import { escText } from '../common/text.ts';
import { time } from './links.ts';

export function editHtml(e: Edit): string {
  return `<p class="edit">本帖最后由 ${escText(decodeEntities(e.by))} 于 ${time(e.at, isoToStamp(e.at))} 编辑</p>`;
}
