// The no-change rebuild: stat, compare, exit. state.json is what the last finished build saw
// (fingerprint, run options, each thread's stat signature and content hash), small beside
// manifest.jsonl, so a build that finds nothing changed reads only this file and the outputs
// list (cache.ts), and stats the inputs and outputs. It is removed when a full build starts
// and written when it ends: an interrupted build never leaves a state that claims a finished site.
// Loading and statting the outputs is most of the check (≈ 140k files at 2M posts): a worker
// that loads only this module reads the list and stats half of the files while the main
// thread lists the inputs, and hands it the other half (OutputsAhead).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { writeAtomic } from '../../common/fs.ts';
import { asLeft } from '../../common/fs.ts';
import { loadOutputs, outputsAsLeft, type CachedOutput, type Manifest } from './cache.ts';

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

/** What a build saw (made before it lets its threads go), for saveState once it ends. */
export function stateOf(run: string, m: Manifest): BuildState {
  const sigs: BuildState['sigs'] = {};
  const content: BuildState['content'] = {};
  for (const [key, t] of Object.entries(m.threads)) (sigs[key] = t.sig), (content[key] = t.content);
  return { fingerprint: m.fingerprint, run, sigs, content };
}

export function saveState(cacheDir: string, state: BuildState): void {
  writeAtomic(fileOf(cacheDir), JSON.stringify(state));
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
 * unchanged, and the state learns the new signature. `ahead`: the outputs' check under way in
 * a worker (OutputsAhead).
 */
export async function nothingChanged(state: BuildState, cacheDir: string, out: string, sigs: Map<string, string>, contentOf: (key: string) => string, ahead: OutputsSplit | null): Promise<boolean> {
  const keys = Object.keys(state.sigs);
  if (keys.length !== sigs.size || keys.some((k) => !sigs.has(k))) return false;
  // Inputs first: a changed dump (the usual rebuild) is found before 100k outputs are statted.
  const touched = touchedSince(state, sigs);
  if (touched.length > MAX_TOUCHED || touched.some((k) => contentOf(k) !== state.content[k])) return false;
  if (!(await outputsAsLeftSplit(cacheDir, out, ahead))) return false;
  if (touched.length) {
    for (const k of touched) state.sigs[k] = sigs.get(k)!;
    writeAtomic(fileOf(cacheDir), JSON.stringify(state));
  }
  return true;
}

/**
 * The outputs' check split in two: the worker loads the outputs list, hands over part 0 and
 * stats part 1. Each answer is null when the worker could not give it: this thread then loads
 * the list and stats that part itself.
 */
export interface OutputsSplit {
  /** Part 0, for this thread to stat: path, size and mtime of each file, NUL-separated. */
  mine: Promise<string | null>;
  /** Part 1 is (not) as the last build left it. */
  theirs: Promise<boolean | null>;
}

async function outputsAsLeftSplit(cacheDir: string, out: string, ahead: OutputsSplit | null): Promise<boolean> {
  const mine = ahead ? await ahead.mine : null;
  if (mine !== null && !listedAsLeft(mine, out)) return false;
  const theirs = mine === null ? null : await ahead!.theirs;
  if (theirs !== null) return theirs;
  // The worker could not tell: this thread stats what it could not, from the list.
  const outputs = loadOutputs(cacheDir);
  return outputs !== null && (mine === null ? outputsAsLeft(outputs, out) : outputsAsLeft(outputs, out, 1, 2));
}

/** `path\0size\0mtime\0…`: part of the outputs list as the worker hands it over (no path holds a NUL). */
function partOf(outputs: Record<string, CachedOutput>, part: number, parts: number): string {
  const fields: (string | number)[] = [];
  let i = 0;
  for (const path in outputs) if (i++ % parts === part) fields.push(path, outputs[path][1], outputs[path][2]);
  return fields.join('\0');
}

function listedAsLeft(part: string, out: string): boolean {
  const fields = part === '' ? [] : part.split('\0');
  for (let i = 0; i < fields.length; i += 3) if (!asLeft(`${out}/${fields[i]}`, Number(fields[i + 1]), Number(fields[i + 2]))) return false;
  return true;
}

const BOOTSTRAP = new URL('../workers/worker.js', import.meta.url);

/** The outputs' check of a build that may find nothing changed, started in a worker. */
export class OutputsAhead implements OutputsSplit {
  readonly #worker: Worker;
  readonly mine: Promise<string | null>;
  readonly theirs: Promise<boolean | null>;

  constructor(cacheDir: string, out: string) {
    const module = new URL('./state', import.meta.url).href;
    this.#worker = new Worker(BOOTSTRAP, { workerData: { module, entry: 'listenStat', cacheDir, out } });
    this.#worker.unref(); // a build that stops early never waits for it
    let give = (_: string | null) => {};
    let tell = (_: boolean | null) => {};
    this.mine = new Promise((ok) => (give = ok));
    this.theirs = new Promise((ok) => (tell = ok));
    this.#worker.on('message', (m: { mine?: string | null; theirs?: boolean }) => ('mine' in m ? give(m.mine ?? null) : tell(m.theirs ?? null)));
    // A worker that fails or is stopped gives no answer (a settled promise ignores a second one).
    const none = () => (give(null), tell(null));
    this.#worker.once('error', none);
    this.#worker.once('exit', none);
  }

  stop(): void {
    void this.#worker.terminate();
  }
}

/** The worker of OutputsAhead. */
export function listenStat(): void {
  const { cacheDir, out } = workerData as { cacheDir: string; out: string };
  const outputs = loadOutputs(cacheDir);
  parentPort!.postMessage({ mine: outputs && partOf(outputs, 0, 2) });
  if (outputs) parentPort!.postMessage({ theirs: outputsAsLeft(outputs, out, 1, 2) });
}
