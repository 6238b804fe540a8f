// Leaked stylesheet of the auto-close box (docs/format.md F10.2, 2025 only): dropped on render,
// kept as a block so the line prints back.
import { clip } from '../../common/text.ts';
import { report, type BlockRule } from '../rule.ts';

const CSS = /^\.cronclosethread_getbox\{([^}]*)\}$/;

export const autocloseCss: BlockRule<'autoclose-css'> = {
  kind: 'autoclose-css',
  parse(state) {
    const line = state.lines[state.start];
    if (line.charCodeAt(0) !== 0x2e /* . */ || state.head.some((b) => b.kind === 'autoclose-css')) return false;
    const m = CSS.exec(line);
    if (!m) {
      if (line.startsWith('.cronclosethread_getbox')) report(state, state.start, 'warning', 'autoclose-css-malformed', `auto-close stylesheet not recognised: ${clip(line)}`);
      return false;
    }
    state.head.push({ kind: 'autoclose-css', line: state.firstLine + state.start++, css: m[1] });
    return true;
  },
  print(b, out) {
    out.push(`.cronclosethread_getbox{${b.css}}`);
  },
};
