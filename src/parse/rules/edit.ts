// Edit notice " 本帖最后由 X 于 T 编辑 " (docs/format.md F10.1) → Post.edited. Claimed on the first
// non-empty body line, and once more right after a poll (the forum draws the poll above the
// message, so a poll post's notice follows it). Variants: no leading and/or trailing space,
// zero-padded or one-digit-hour stamps (kept in layout.stamp). Elsewhere the line is text.
import type { Edit } from '../../types.ts';
import { claimed, report, type BlockRule, type BodyState } from '../rule.ts';
import { isoToStamp, stampToIso } from '../time.ts';

const EDIT = /^( ?)本帖最后由 (.+) 于 (\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}) 编辑( ?)$/;

function claim(state: BodyState): boolean {
  const line = state.lines[state.start];
  const c = line.charCodeAt(0);
  if ((c !== 0x20 && c !== 0x672c) /* ' ' 本 */ || claimed(state, 'edit') !== undefined) return false;
  const m = EDIT.exec(line);
  if (!m) return false;
  const at = stampToIso(m[3]);
  if (at === null) {
    report(state, state.start, 'warning', 'bad-edit-date', `edit notice with an impossible time "${m[3]}" kept as text`);
    return false;
  }
  const edit: Edit = { by: m[2], at };
  const stamp = isoToStamp(at) === m[3] ? undefined : m[3];
  state.head.push({ kind: 'edit', line: state.firstLine + state.start++, edit, layout: { lead: m[1], trail: m[4], ...(stamp && { stamp }) } });
  return true;
}

function print(b: { edit: Edit; layout: { lead: string; trail: string; stamp?: string } }, out: string[]): void {
  out.push(`${b.layout.lead}本帖最后由 ${b.edit.by} 于 ${b.layout.stamp ?? isoToStamp(b.edit.at)} 编辑${b.layout.trail}`);
}

export const edit: BlockRule<'edit'> = { kind: 'edit', parse: claim, print };

/** The notice of a poll post, on the first non-empty line after the poll's lines. */
export const editAfterPoll: BlockRule<'edit'> = {
  kind: 'edit',
  parse: (state) => claimed(state, 'poll') !== undefined && claim(state),
  print,
};
