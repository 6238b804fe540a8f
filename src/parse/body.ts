// Post body → blocks (docs/parsing.md P9). Head rules claim constructs at the top of the body
// (each at most once, in any order), tail rules at the bottom (rating, then signature),
// whole rules a body reduced to one notice line, then the middle is scanned line by line;
// what no rule claims stays literal text.
import type { Block, Diagnostic, Post } from '../types.ts';
import type { BlockRule, BodyState } from './rule.ts';
import { HEAD_RULES, MIDDLE_RULES, TAIL_RULES, WHOLE_RULES } from './rules/index.ts';

export function parseBody(post: Post, lines: string[], firstLine: number, file: string, diagnostics: Diagnostic[]): void {
  const state: BodyState = { lines, firstLine, start: 0, end: lines.length, head: [], tail: [], post, file, diagnostics };
  for (;;) {
    skipBlankHead(state);
    if (state.start >= state.end || !claimOne(state, HEAD_RULES)) break;
  }
  for (const rule of TAIL_RULES) {
    skipBlankTail(state);
    if (state.start < state.end) rule.parse(state);
  }
  for (const rule of WHOLE_RULES) if (state.start < state.end && rule.parse(state)) break;
  scanMiddle(state, MIDDLE_RULES);
  const blocks = state.head;
  for (let i = state.tail.length - 1; i >= 0; i--) pushBlock(blocks, state.tail[i]);
  post.blocks = blocks;
  post.body = bodyText(blocks);
  deriveFields(post);
}

/** The post fields that restate body blocks, derived here only: rules just claim blocks. */
function deriveFields(post: Post): void {
  for (const b of post.blocks) {
    switch (b.kind) {
      case 'edit':
        post.edited ??= b.edit;
        break;
      case 'rating':
        post.rating ??= b.rating;
        break;
      case 'signature':
        post.signature ??= b.signature;
        break;
      case 'poll':
        post.poll ??= b.poll;
        break;
      case 'notice':
        post.notices.push(b.notice);
        break;
      case 'attachment':
        post.attachments.push(b.attachment);
        break;
    }
  }
}

function claimOne(state: BodyState, rules: BlockRule[]): boolean {
  for (const rule of rules) if (rule.parse(state)) return true;
  return false;
}

function scanMiddle(state: BodyState, rules: BlockRule[]): void {
  const { lines } = state;
  while (state.start < state.end) {
    // Empty lines start no construct: skip the rule calls for them.
    if (lines[state.start] === '' || !claimOne(state, rules)) pushText(state.head, lines[state.start], state.firstLine + state.start++);
  }
}

function skipBlankHead(state: BodyState): void {
  while (state.start < state.end && state.lines[state.start] === '') pushText(state.head, '', state.firstLine + state.start++);
}

function skipBlankTail(state: BodyState): void {
  while (state.end > state.start && state.lines[state.end - 1] === '') {
    state.end--;
    state.tail.push({ kind: 'text', line: state.firstLine + state.end, lines: [''] });
  }
}

/** Append a literal line, merging into the previous text block. */
export function pushText(blocks: Block[], text: string, line: number): void {
  const last = blocks[blocks.length - 1];
  if (last?.kind === 'text') last.lines.push(text);
  else blocks.push({ kind: 'text', line, lines: [text] });
}

function pushBlock(blocks: Block[], block: Block): void {
  if (block.kind === 'text') for (let i = 0; i < block.lines.length; i++) pushText(blocks, block.lines[i], block.line + i);
  else blocks.push(block);
}

function bodyText(blocks: Block[]): string {
  let s = '';
  let first = true;
  for (const b of blocks) {
    if (b.kind !== 'text') continue;
    for (const l of b.lines) {
      s = first ? l : s + '\n' + l;
      first = false;
    }
  }
  return s;
}
