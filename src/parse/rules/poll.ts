// Poll (docs/format.md F10.9): the broken hidden input `<input name="formhash" … value="HEX"/)` is
// the block; the poll's header, timer, options and results stay text blocks that print
// themselves. Post.poll is read from those following lines: the header with its <strong>
// tags removed, and the options "N. \u00a0TEXT" numbered from 1.
import { clip } from '../../common/text.ts';
import type { Poll } from '../../types.ts';
import { claimed, report, type BlockRule } from '../rule.ts';

const FORMHASH = /^<input name="formhash" type="hidden" value="([0-9A-Za-z]*)"\/\)$/;
const HEADER = /^<strong>(?:单选|多选)投票<\/strong>/;
const OPTION = /^(\d+)\. \u00a0(.*)$/;
const RESULT = /^\d+(?:\.\d+)?% \(\d+\)$/;
/** Lines the poll header may be away from the input: its own empty lines. */
const HEADER_WITHIN = 3;
/** Lines of timer and chrome allowed between the header and option 1. */
const OPTIONS_WITHIN = 16;

export const poll: BlockRule<'poll'> = {
  kind: 'poll',
  parse(state) {
    const { lines, start } = state;
    const line = lines[start];
    if (line.charCodeAt(0) !== 0x3c /* < */ || !line.startsWith('<input')) return false;
    if (claimed(state, 'poll')) return false;
    const m = FORMHASH.exec(line);
    if (!m) {
      report(state, start, 'warning', 'poll-malformed', `input line not recognised as a poll: ${clip(line)}`);
      return false;
    }
    const found = readPoll(lines, start + 1, state.end);
    if (!found) report(state, start, 'warning', 'poll-without-header', 'poll formhash line without a poll header after it');
    state.head.push({ kind: 'poll', line: state.firstLine + state.start++, formhash: m[1], lines: [], poll: found ?? { header: '', options: [] } });
    return true;
  },
  print(b, out) {
    out.push(`<input name="formhash" type="hidden" value="${b.formhash}"/)`);
  },
};

function readPoll(lines: string[], i: number, end: number): Poll | null {
  let h = i;
  while (h < end && h < i + HEADER_WITHIN && lines[h] === '') h++;
  if (h >= end || !HEADER.test(lines[h])) return null;
  const header = lines[h].replace(/<\/?strong>/g, '');
  const options: string[] = [];
  for (let k = h + 1; k < end; k++) {
    const l = lines[k];
    const o = l.charCodeAt(0) <= 0x39 ? OPTION.exec(l) : null;
    if (o && Number(o[1]) === options.length + 1) options.push(o[2]);
    else if (options.length === 0 ? k > h + OPTIONS_WITHIN : !(l === '' || l === '\u00a0' || RESULT.test(l))) break;
  }
  return { header, options };
}
