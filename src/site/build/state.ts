// The no-change rebuild: stat, compare, exit. state.json is what the last finished build saw
// (fingerprint, run options, each thread's stat signature and content hash), small beside
// manifest.jsonl, so a build that finds nothing changed reads only this file and the outputs
// list (cache.ts), and stats the inputs and outputs. It is removed when a full build starts
// and written when it ends: an interrupted build never leaves a state that claims a finished site.
// Statting the outputs is most of the check (≈ 140k files at 2M posts): a worker that loads
// only this module stats half of them while the main thread lists the inputs (OutputsAhead).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { writeAtomic } from '../../common/fs.ts';
import { loadOutputs, outputsAsLeft, type Manifest } from './cache.ts';

export interface BuildState {
  fingerprint: string;
  /** Options outside the fingerprint that change the output (search index, site origin). */
  run: string;
  /** Thread key → stat signature of its files. */
  sigs: Record<string, string>;
  /** Thread key → content hash of its files (a touched file with the same bytes changes nothing). */
  content: Record<string, string>;
}

const fileOf = (cacheDir: string) => join(cacheDir, 'state.json');
/** Past this many touched threads, hashing them here costs more than the workers' own check. */
const MAX_TOUCHED = 50;

export function forgetState(cacheDir: string): void {
  rmSync(fileOf(cacheDir), { force: true });
}

export function saveState(cacheDir: string, run: string, m: Manifest): void {
  const sigs: BuildState['sigs'] = {};
  const content: BuildState['content'] = {};
  for (const [key, t] of Object.entries(m.threads)) (sigs[key] = t.sig), (content[key] = t.content);
  writeAtomic(fileOf(cacheDir), JSON.stringify({ fingerprint: m.fingerprint, run, sigs, content } satisfies BuildState));
}

/** What the last build saw, when it finished with this fingerprint and these run options; else null. */
export function lastState(cacheDir: string, fingerprint: string, run: string): BuildState | null {
  try {
    const state: BuildState = JSON.parse(readFileSync(fileOf(cacheDir), 'utf8'));
    return state.fingerprint === fingerprint && state.run === run && state.content ? state : null;
  } catch {
    return null;
  }
}

/** Keys of the threads whose files are not as the last build saw them (new ones included). */
export const touchedSince = (state: BuildState, sigs: Map<string, string>) => [...sigs.keys()].filter((k) => state.sigs[k] !== sigs.get(k));

/**
 * True when the last build (`state`) saw these inputs and its outputs are as it left them. A
 * thread whose files were touched (new mtime) is hashed (`contentOf`); same bytes count as
 * unchanged, and the state learns the new signature. `ahead`: the answer of a worker that stats
 * part 1 of the outputs meanwhile (OutputsAhead); this thread stats part 0, and part 1 too
 * when the worker could not tell (null).
 */
export async function nothingChanged(state: BuildState, cacheDir: string, out: string, sigs: Map<string, string>, contentOf: (key: string) => string, ahead: Promise<boolean | null> | null): Promise<boolean> {
  const keys = Object.keys(state.sigs);
  if (keys.length !== sigs.size || keys.some((k) => !sigs.has(k))) return false;
  // Inputs first: a changed dump (the usual rebuild) is found before 100k outputs are statted.
  const touched = touchedSince(state, sigs);
  if (touched.length > MAX_TOUCHED || touched.some((k) => contentOf(k) !== state.content[k])) return false;
  const outputs = loadOutputs(cacheDir);
  if (!outputs || !outputsAsLeft(outputs, out, 0, ahead ? 2 : 1)) return false;
  if (ahead && !((await ahead) ?? outputsAsLeft(outputs, out, 1, 2))) return false;
  if (touched.length) {
    for (const k of touched) state.sigs[k] = sigs.get(k)!;
    writeAtomic(fileOf(cacheDir), JSON.stringify(state));
  }
  return true;
}

const BOOTSTRAP = new URL('../workers/worker.js', import.meta.url);

/** Part 1 of 2 of the last build's outputs, statted in a worker from now on. */
export class OutputsAhead {
  readonly #worker: Worker;
  /** The worker's files are (true) or are not (false) as the last build left them; null: it could not tell. */
  readonly result: Promise<boolean | null>;

  constructor(cacheDir: string, out: string) {
    const module = new URL('./state', import.meta.url).href;
    this.#worker = new Worker(BOOTSTRAP, { workerData: { module, entry: 'listenStat', cacheDir, out } });
    this.#worker.unref(); // a build that stops early never waits for it
    this.result = new Promise((ok) => {
      this.#worker.once('message', (asLeft: boolean) => ok(asLeft));
      this.#worker.once('error', () => ok(null));
      this.#worker.once('exit', () => ok(null));
    });
  }

  stop(): void {
    void this.#worker.terminate();
  }
}

/** The worker of OutputsAhead. */
export function listenStat(): void {
  const { cacheDir, out } = workerData as { cacheDir: string; out: string };
  const outputs = loadOutputs(cacheDir);
  parentPort!.postMessage(outputs !== null && outputsAsLeft(outputs, out, 1, 2));
}
