// Edit notice (FORMAT.md §10.1): " 本帖最后由 X 于 T 编辑 " on the first non-empty body line.
import type { BlockRule } from '../rule.ts';
import { isoToStamp, stampToIso } from '../time.ts';

const EDIT = /^( ?)本帖最后由 (.+) 于 (\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}) 编辑( ?)$/;

export const edit: BlockRule<'edit'> = {
  kind: 'edit',
  parse(state) {
    const m = EDIT.exec(state.lines[state.start]);
    if (!m) return false;
    const at = stampToIso(m[3]);
    if (at === null) return false;
    const stamp = isoToStamp(at) === m[3] ? undefined : m[3];
    const e = { by: m[2], at };
    state.head.push({ kind: 'edit', line: state.firstLine + state.start++, edit: e, layout: { lead: m[1], trail: m[4], stamp } });
    state.post.edited = e;
    return true;
  },
  print(b, out) {
    out.push(`${b.layout.lead}本帖最后由 ${b.edit.by} 于 ${b.layout.stamp ?? isoToStamp(b.edit.at)} 编辑${b.layout.trail}`);
  },
};
