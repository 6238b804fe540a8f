// The uniform shape of a body rule (after markdown-it's block rules): a rule looks at the
// unclaimed body lines in `state`, claims the lines of one construct by pushing a block,
// and knows how to print that block back to lines.
import type { Block, Diagnostic, Level, Post } from '../types.ts';

export interface BodyState {
  /** Body lines without the leading/trailing empty lines of the post. */
  lines: string[];
  /** 1-based file line of lines[0]. */
  firstLine: number;
  /** Unclaimed range [start, end). Head rules advance start, tail rules pull back end. */
  start: number;
  end: number;
  head: Block[];
  /** Blocks claimed from the end, in reverse order. */
  tail: Block[];
  post: Post;
  file: string;
  diagnostics: Diagnostic[];
}

export type BlockOf<K extends Block['kind']> = Extract<Block, { kind: K }>;

/** Writes one block back as lines (docs/parsing.md P14). */
export type Printer<K extends Block['kind']> = (block: BlockOf<K>, out: string[]) => void;

export interface BlockRule<K extends Block['kind'] = Block['kind']> {
  kind: K;
  /** Try to claim a construct; returns true when it claimed lines. */
  parse(state: BodyState): boolean;
  print: Printer<K>;
}

/** The block of this kind the rules have claimed so far (head, middle or tail), if any. */
export function claimed<K extends Block['kind']>(state: BodyState, kind: K, match?: (b: BlockOf<K>) => boolean): BlockOf<K> | undefined {
  const is = (b: Block): b is BlockOf<K> => b.kind === kind && (!match || match(b as BlockOf<K>));
  return state.head.find(is) ?? state.tail.find(is);
}

/** File line number (1-based) of body index i. */
export const lineNo = (state: BodyState, i: number) => state.firstLine + i;

/** Report an anomaly at body index i; parsing goes on (docs/parsing.md P13). */
export function report(state: BodyState, i: number, level: Level, code: string, message: string): void {
  state.diagnostics.push({ file: state.file, line: lineNo(state, i), level, code, message });
}

/** Decode the entity `&amp;` once, as URLs in the dumps carry it (docs/format.md F10.13). */
export const decodeAmp = (url: string) => (url.includes('&amp;') ? url.replaceAll('&amp;', '&') : url);
