// Auto-close notice "此帖将于T自动关闭" (docs/format.md F10.2): a Notice of kind 'auto-close' with the
// ISO time in `value`; the thread model lifts it to the thread. Layout: the time as written
// when it is not the canonical unpadded stamp, else ''.
import type { Notice } from '../../types.ts';
import { claimed, report, type BlockRule } from '../rule.ts';
import { isoToStamp, stampToIso } from '../time.ts';

const NOTICE = /^此帖将于(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2})自动关闭$/;

export const autoclose: BlockRule<'notice'> = {
  kind: 'notice',
  parse(state) {
    const line = state.lines[state.start];
    if (line.charCodeAt(0) !== 0x6b64 /* 此 */ || claimed(state, 'notice', (b) => b.notice.kind === 'auto-close')) return false;
    const m = NOTICE.exec(line);
    if (!m) return false;
    const at = stampToIso(m[1]);
    if (at === null) {
      report(state, state.start, 'warning', 'bad-autoclose-date', `auto-close notice with an impossible time "${m[1]}" kept as text`);
      return false;
    }
    const stamp = isoToStamp(at);
    const notice: Notice = { kind: 'auto-close', value: at, text: `此帖将于${stamp}自动关闭` };
    state.head.push({ kind: 'notice', line: state.firstLine + state.start++, notice, layout: stamp === m[1] ? '' : m[1] });
    return true;
  },
  print(b, out) {
    out.push(`此帖将于${b.layout || isoToStamp(b.notice.value!)}自动关闭`);
  },
};
