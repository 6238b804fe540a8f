// Rule chains, in the order of docs/parsing.md P9, and the printer of every block kind.
import type { Block, NoticeKind } from '../../types.ts';
import type { BlockOf, BlockRule, Printer } from '../rule.ts';
import { attachment } from './attachment.ts';
import { autoclose } from './autoclose.ts';
import { autocloseCss } from './autoclose-css.ts';
import { edit, editAfterPoll } from './edit.ts';
import { hidden } from './hidden.ts';
import { moderation } from './moderation.ts';
import { poll } from './poll.ts';
import { rating, ratingInMiddle } from './rating.ts';
import { replyreload } from './replyreload.ts';
import { scoregate } from './scoregate.ts';
import { signature } from './signature.ts';

/** Top of the body, each construct at most once, in any order (replyreload only first). */
export const HEAD_RULES = [replyreload, autocloseCss, autoclose, edit] as BlockRule[];
/** Bottom of the body, in this order: the rating ends a body, the signature precedes it. */
export const TAIL_RULES = [rating, signature] as BlockRule[];
/** A body that is one notice line once head and tail are claimed. */
export const WHOLE_RULES = [moderation] as BlockRule[];
/** Tried on every non-empty unclaimed line; each starts with a cheap character test. */
export const MIDDLE_RULES = [attachment, poll, editAfterPoll, scoregate, hidden, ratingInMiddle] as BlockRule[];

/** Notice blocks share one kind; each notice kind prints through the rule that made it. */
const NOTICE_PRINTERS: Record<NoticeKind, Printer<'notice'>> = {
  'auto-close': autoclose.print,
  banned: moderation.print,
  blocked: moderation.print,
  'hidden-reply': hidden.print,
  'hidden-score': hidden.print,
  'score-gated': scoregate.print,
};

const text: Printer<'text'> = (b, out) => {
  for (const l of b.lines) out.push(l);
};

const PRINTER_OF: { [K in Block['kind']]: Printer<K> } = {
  text,
  replyreload: replyreload.print,
  'autoclose-css': autocloseCss.print,
  notice: (b, out) => NOTICE_PRINTERS[b.notice.kind](b, out),
  edit: edit.print,
  rating: rating.print,
  signature: signature.print,
  attachment: attachment.print,
  poll: poll.print,
};

/** Printer per block kind. */
export const PRINTERS = PRINTER_OF as { [K in Block['kind']]: (block: BlockOf<K> | Block, out: string[]) => void };
