// What every command shares: its shape, exit codes, usage errors, output with
// backpressure and the archive path check. Commands import this, never the CLI table.
import type { ParseArgsConfig } from 'node:util';
import type { Writable } from 'node:stream';

/** Where a command writes: stdout for results, stderr for usage errors. */
export interface Io {
  out: Writable;
  err: Writable;
}

export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
  io: Io;
}

export interface Command {
  /** One usage line, e.g. "loulan check <path> [--verbose]". */
  usage: string;
  /** Help text shown by `loulan help <name>` and `<name> --help`, after the usage line. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CommandContext): Promise<number>;
}

/** A mistake in how the command was called: reported with the usage line, exit code 2. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function write(stream: Writable, text: string): void {
  stream.write(text);
}

/** Output with backpressure; once the reader has gone (EPIPE from `| head`), writes are dropped. */
export class Output {
  broken = false;
  constructor(readonly stream: Writable) {
    stream.on('error', () => (this.broken = true));
  }
  async write(text: string): Promise<void> {
    if (!this.broken && !this.stream.write(text)) await drained(this.stream);
  }
}

/** Resolves when the stream drains or fails (the failure itself is handled by Output). */
export function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => (stream.off('drain', done), stream.off('error', done), resolve());
    stream.on('drain', done).on('error', done);
  });
}

/** The one archive path a command takes: a dump file or a folder, which must be readable. */
export async function archivePath(positionals: string[]): Promise<string> {
  if (positionals.length === 0) throw new UsageError('missing <path> (a dump file or a folder of dumps)');
  if (positionals.length > 1) throw new UsageError(`expected one <path>, got ${positionals.length}: ${positionals.join(' ')}`);
  const path = positionals[0];
  const { stat, access, constants } = await import('node:fs/promises');
  try {
    const st = await stat(path);
    await access(path, st.isDirectory() ? constants.R_OK | constants.X_OK : constants.R_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UsageError(`cannot read '${path}': ${why}`);
  }
  return path;
}
