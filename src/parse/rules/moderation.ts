// Moderation notices that replace a whole body (docs/format.md F10.12): the author is banned
// (提示: 作者被禁止或删除 内容自动屏蔽) or a moderator blocked the post (提示: 该帖被管理员或版主屏蔽).
// Whole rule: the body, once head and tail constructs are claimed, is exactly this line.
import type { Notice, NoticeKind } from '../../types.ts';
import type { BlockRule } from '../rule.ts';

const LINES: Partial<Record<NoticeKind, string>> = {
  banned: '提示: 作者被禁止或删除 内容自动屏蔽',
  blocked: '提示: 该帖被管理员或版主屏蔽',
};

export const moderation: BlockRule<'notice'> = {
  kind: 'notice',
  parse(state) {
    if (state.end - state.start !== 1) return false;
    const line = state.lines[state.start];
    const kind = line === LINES.banned ? 'banned' : line === LINES.blocked ? 'blocked' : null;
    if (kind === null) return false;
    const notice: Notice = { kind, value: null, text: line };
    state.head.push({ kind: 'notice', line: state.firstLine + state.start++, notice, layout: '' });
    return true;
  },
  print(b, out) {
    out.push(LINES[b.notice.kind]!);
  },
};
