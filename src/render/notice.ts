// Moderation and hidden-content notices (docs/format.md F10.12, F10.2). The wording is the
// renderer's own: hidden-content notices never show the dumping account's name (docs/decisions.md D6).
import type { Notice } from '../types.ts';
import { decodeEntities } from '../common/text.ts';
import { isoToStamp } from '../parse/time.ts';
import { escText } from '../common/text.ts';
import { time } from './links.ts';

export function noticeHtml(n: Notice): string {
  return `<p class="notice notice-${n.kind}">${noticeText(n)}</p>`;
}

function noticeText(n: Notice): string {
  const v = n.value === null ? null : escText(decodeEntities(n.value));
  switch (n.kind) {
    case 'banned':
      return '提示: 作者被禁止或删除 内容自动屏蔽';
    case 'blocked':
      return '提示: 该帖被管理员或版主屏蔽';
    case 'hidden-reply':
      return '本帖有隐藏内容（回复可见）';
    case 'hidden-score':
      return v === null ? '本帖有隐藏内容（需要积分才可浏览）' : `本帖有隐藏内容（积分 ${v} 以上可见）`;
    case 'score-gated':
      return v === null ? '以下内容需要积分才可浏览' : `以下内容需要积分高于 ${v} 才可浏览`;
    case 'auto-close':
      return n.value === null ? '此帖将自动关闭' : `此帖将于 ${time(n.value, isoToStamp(n.value))} 自动关闭`;
    default:
      return escText(decodeEntities(n.text));
  }
}
