// Visible score-gated label "以下内容需要积分高于 N 才可浏览" (docs/format.md F10.12): the content after it
// is present and stays text; the label becomes a Notice of kind 'score-gated'.
import type { Notice } from '../../types.ts';
import { report, type BlockRule } from '../rule.ts';

const LABEL = /^以下内容需要积分高于 (\d+) 才可浏览$/;
const LABEL_START = /^以下内容需要积分高于 \d+ 才可浏览/;

export const scoregate: BlockRule<'notice'> = {
  kind: 'notice',
  parse(state) {
    const line = state.lines[state.start];
    if (line.charCodeAt(0) !== 0x4ee5 /* 以 */) return false;
    const m = LABEL.exec(line);
    if (!m) {
      if (LABEL_START.test(line)) report(state, state.start, 'info', 'score-gate-inline', 'score-gated label with text on the same line kept as text');
      return false;
    }
    const notice: Notice = { kind: 'score-gated', value: m[1], text: line };
    state.head.push({ kind: 'notice', line: state.firstLine + state.start++, notice, layout: '' });
    return true;
  },
  print(b, out) {
    out.push(`以下内容需要积分高于 ${b.notice.value} 才可浏览`);
  },
};
