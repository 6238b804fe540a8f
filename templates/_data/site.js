// Global data `site`: the shard data file the build wrote (its path comes as global data
// `loulanBuild`). Only shapes data: turns indexes into object references, nothing else.
import { readFileSync } from 'node:fs';

export default function (globals) {
  const path = globals.loulanBuild?.dataPath;
  if (!path) throw new Error('templates are built by `loulan build` (no site data given)');
  const data = JSON.parse(readFileSync(path, 'utf8'));
  const threads = data.threads;
  for (const board of data.boards) board.latestThread = board.latest === null ? null : threads[board.latest];
  for (const bp of data.boardPages) {
    bp.board = data.boards[bp.b];
    bp.threadList = bp.threads.map((i) => threads[i]);
  }
  // A shard of the site holds only the threads its pages show; the count is the site's.
  data.threadCount ??= threads.length;
  data.recentThreads = data.recent.map((i) => threads[i]);
  return data;
}
