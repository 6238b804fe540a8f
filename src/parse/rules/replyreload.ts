// `replyreload += ',' + N;` junk (docs/format.md F10.3): leaked JavaScript glued to the start of
// the first body line. The prefix becomes a block; the remainder of the line stays in place
// and is parsed like any first line (print.ts joins the prefix back onto it).
import { clip } from '../../common/text.ts';
import { report, type BlockRule } from '../rule.ts';

const PREFIX = /^replyreload \+= ',' \+ (\d+);/;

export const replyreload: BlockRule<'replyreload'> = {
  kind: 'replyreload',
  parse(state) {
    const line = state.lines[state.start];
    if (line.charCodeAt(0) !== 0x72 /* r */ || state.head.some((b) => b.kind !== 'text' || b.lines.some((l) => l !== ''))) return false;
    const m = PREFIX.exec(line);
    if (!m) {
      if (line.startsWith('replyreload +=')) report(state, state.start, 'warning', 'replyreload-malformed', `replyreload junk not recognised: ${clip(line)}`);
      return false;
    }
    state.head.push({ kind: 'replyreload', line: state.firstLine + state.start, id: m[1] });
    state.lines[state.start] = line.slice(m[0].length);
    return true;
  },
  print(b, out) {
    out.push(`replyreload += ',' + ${b.id};`);
  },
};
