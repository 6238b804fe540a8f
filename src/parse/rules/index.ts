// Rule chains, in the order of FORMAT.md P9.
import type { Block } from '../../types.ts';
import type { BlockRule, Printer } from '../rule.ts';
import { edit } from './edit.ts';

export const HEAD_RULES: BlockRule[] = [edit as BlockRule];
export const TAIL_RULES: BlockRule[] = [];
export const WHOLE_RULES: BlockRule[] = [];
export const MIDDLE_RULES: BlockRule[] = [];

const ALL = [...HEAD_RULES, ...TAIL_RULES, ...WHOLE_RULES, ...MIDDLE_RULES];

/** Printer per block kind; text prints itself. */
export const PRINTERS: Partial<Record<Block['kind'], Printer<any>>> = Object.fromEntries(ALL.map((r) => [r.kind, r.print]));
PRINTERS.text = (b: Extract<Block, { kind: 'text' }>, out: string[]) => {
  for (const l of b.lines) out.push(l);
};
