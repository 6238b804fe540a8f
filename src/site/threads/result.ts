// What the build knows of a thread without building it: its URL key, and the result of a
// thread that could not be built. Kept apart from build-thread.ts, whose renderer (and
// sanitize-html) a build that finds nothing changed never loads.
import type { ThreadGroup } from '../../read/group.ts';
import type { ThreadBuildStats, ThreadResult } from '../data/types.ts';
import { threadKey } from '../data/slug.ts';
import { diag } from './diag.ts';

/** URL key of a group: its tid, else a hash of its first file's path below the archive root. */
export const keyOf = (group: ThreadGroup, salt = '') => threadKey(group.tid, salt + (group.refs[0]?.rel ?? ''));

/** A thread that could not be built: no pages, one error naming its first file. */
export function failedThread(firstFile: string, code: string, e: unknown, readMs = 0): ThreadResult {
  const stats = emptyStats(0, { read: readMs, quotes: 0, render: 0, write: 0 });
  return { meta: null, pages: [], smileys: [], stats, diagnostics: [diag(firstFile, code, e)] };
}

export function emptyStats(records: number, ms: ThreadBuildStats['ms']): ThreadBuildStats {
  return { records, posts: 0, duplicatesDropped: 0, collisions: 0, quotes: 0, quotesResolved: 0, quotesUnresolved: 0, quotesExternal: 0, pagesRendered: 0, pagesKept: 0, written: 0, bodiesSanitized: 0, ms };
}
