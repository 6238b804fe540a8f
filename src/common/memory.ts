// A full garbage collection on demand, for the build's phase boundaries. Between phases a
// heap holds mostly garbage that V8 would keep until the heap grows further (a thread
// worker sits near its limit after the thread phase; the main thread's site data and page
// plan leave hundreds of MiB): collecting it there keeps the phases' peaks from adding up.
// `gc` is exposed by a V8 flag that must be set before a worker's isolate starts, so this
// module is imported by the pool (main thread) before any worker is spawned.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
// The flag exposes `gc` on contexts made from now on, not on this one.
const gc = runInNewContext('gc') as () => void;

/** Collect this thread's garbage now (a full, blocking collection: call between phases). */
export function collectGarbage(): void {
  gc();
}
