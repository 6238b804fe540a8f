// Dump references → thread groups: every file of one tid, wherever it lies, in part order
// (docs/format.md: archive layouts).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from '../types.ts';
import { listDumps, type DumpRef } from './list.ts';

/** All files of one thread (one tid), in part order. */
export interface ThreadGroup {
  tid: string | null;
  refs: DumpRef[];
}

/** Group by tid across boards, folders and 0无法访问; a file without tid is a thread of its own. */
export function groupThreads(refs: Iterable<DumpRef>): ThreadGroup[] {
  const byTid = new Map<string, ThreadGroup>();
  const groups: ThreadGroup[] = [];
  for (const ref of refs) {
    const g = ref.tid === null ? undefined : byTid.get(ref.tid);
    if (g) g.refs.push(ref);
    else {
      const group = { tid: ref.tid, refs: [ref] };
      groups.push(group);
      if (ref.tid !== null) byTid.set(ref.tid, group);
    }
  }
  for (const g of groups) g.refs.sort(comparePart);
  return groups;
}

/** Numeric part order (floor range the name promises), then listing order. */
function comparePart(a: DumpRef, b: DumpRef): number {
  return (a.firstFloor ?? 0) - (b.firstFloor ?? 0) || a.order - b.order;
}

export interface Listing {
  groups: ThreadGroup[];
  files: number;
  diagnostics: Diagnostic[];
}

/** Every dump under the inputs, grouped by tid across all of them. */
export function listGroups(inputs: string[]): Listing {
  const refs: ThreadGroup['refs'] = [];
  const diagnostics: Diagnostic[] = [];
  for (const input of inputs) {
    const onIgnored = (path: string, reason: string) => diagnostics.push({ file: path, line: 0, level: 'info', code: 'ignored-file', message: reason });
    for (const ref of listDumps(input, { onIgnored })) refs.push(ref);
  }
  return { groups: groupThreads(refs), files: refs.length, diagnostics };
}

/**
 * Hash of a group's files, path and bytes: the cache key of a thread. The bytes read are
 * kept so that a changed thread is parsed from them, not read from disk a second time.
 */
export function contentHash(group: ThreadGroup, bytes: Map<string, Buffer>): string {
  const h = createHash('sha256');
  for (const ref of group.refs) {
    h.update(ref.path + '\0');
    try {
      const b = readFileSync(ref.path);
      bytes.set(ref.path, b);
      h.update(b);
    } catch {
      h.update('\0unreadable');
    }
  }
  return h.digest('hex').slice(0, 32);
}
