// Hidden-content notices (docs/format.md F10.12, docs/decisions.md D6): the dumping account
// could not see part of the post. "ACCOUNT，如果您要查看本帖隐藏内容请回复" (reply to view) and
// "ACCOUNT，本帖隐藏的内容需要积分高于 N 才可浏览，您当前积分为 M" (score-gated, not captured).
// Claimed on a line of their own; the Notice text leaves the account out, the layout keeps
// it ("ACCOUNT" or "ACCOUNT\nM") so the line prints back. Glued to other text
// ("提取码:ACCOUNT，…") the notice is left as text: the account name cannot be told apart.
import type { Notice } from '../../types.ts';
import type { BlockRule } from '../rule.ts';

const ACCOUNT = '([^\\s:：，]{1,32})';
const REPLY = new RegExp(`^${ACCOUNT}，如果您要查看本帖隐藏内容请回复$`);
const SCORE = new RegExp(`^${ACCOUNT}，本帖隐藏的内容需要积分高于 (\\d+) 才可浏览，您当前积分为 (-?\\d+)$`);

function match(line: string): { notice: Notice; layout: string } | null {
  const last = line.charCodeAt(line.length - 1);
  if (last === 0x590d /* 复 */) {
    const m = REPLY.exec(line);
    return m && { notice: { kind: 'hidden-reply', value: null, text: '本帖有隐藏内容（回复可见）' }, layout: m[1] };
  }
  if (last >= 0x30 && last <= 0x39 && line.includes('，本帖隐藏的内容需要积分高于 ')) {
    const m = SCORE.exec(line);
    return m && { notice: { kind: 'hidden-score', value: m[2], text: `本帖有隐藏内容（积分 ${m[2]} 以上可见）` }, layout: `${m[1]}\n${m[3]}` };
  }
  return null;
}

export const hidden: BlockRule<'notice'> = {
  kind: 'notice',
  parse(state) {
    const found = match(state.lines[state.start]);
    if (!found) return false;
    state.head.push({ kind: 'notice', line: state.firstLine + state.start++, ...found });
    return true;
  },
  print(b, out) {
    const [account, current] = b.layout.split('\n');
    out.push(
      b.notice.kind === 'hidden-reply'
        ? `${account}，如果您要查看本帖隐藏内容请回复`
        : `${account}，本帖隐藏的内容需要积分高于 ${b.notice.value} 才可浏览，您当前积分为 ${current}`,
    );
  },
};
