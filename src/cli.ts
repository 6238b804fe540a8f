// The `loulan` command line: a small table of commands, each loaded only when run.
// To add a command, add one line to COMMANDS and export `command` from its module.
import { parseArgs, type ParseArgsConfig } from 'node:util';
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

interface CommandEntry {
  summary: string;
  load: () => Promise<{ command: Command }>;
}

const COMMANDS: Record<string, CommandEntry> = {
  check: { summary: 'parse an archive, report problems, verify every file round-trips', load: () => import('./commands/check.ts') },
  export: { summary: 'write threads as JSON Lines, one thread per line', load: () => import('./commands/export.ts') },
  build: { summary: 'build the static archive site from dumps', load: () => import('./commands/build.ts') },
  serve: { summary: 'serve a built site on 127.0.0.1 for a look', load: () => import('./commands/serve.ts') },
  search: { summary: 'search the posts of a built site from the command line', load: () => import('./commands/search.ts') },
};

/** A mistake in how the command was called: reported with the usage line, exit code 2. */
export class UsageError extends Error {}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const defaultIo = (): Io => ({ out: process.stdout, err: process.stderr });

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) return write(io.err, overview()), EXIT.usage;
  if (name === '--help' || name === '-h') return write(io.out, overview()), EXIT.ok;
  if (name === '--version' || name === '-v') return write(io.out, `loulan ${await version()}\n`), EXIT.ok;
  if (name === 'help') {
    if (rest.length === 0) return write(io.out, overview()), EXIT.ok;
    const entry = COMMANDS[rest[0]];
    if (!entry) return unknown(rest[0], io);
    return write(io.out, commandHelp((await entry.load()).command)), EXIT.ok;
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) return unknown(name, io);
  const command = (await entry.load()).command;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) return write(io.out, commandHelp(command)), EXIT.ok;
    return await command.run({ positionals, values: values as CommandContext['values'], io });
  } catch (e) {
    const err = e as Error & { code?: string };
    if (e instanceof UsageError || err.code?.startsWith('ERR_PARSE_ARGS')) {
      write(io.err, `loulan ${name}: ${err.message}\nusage: ${command.usage}\n`);
      return EXIT.usage;
    }
    throw e;
  }
}

function overview(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return [
    'loulan — turn Stage1st/Discuz! thread dumps into a static archive',
    '',
    'usage: loulan <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'Run `loulan help <command>` or `loulan <command> --help` for details.',
    '',
  ].join('\n');
}

const commandHelp = (c: Command) => `usage: ${c.usage}\n\n${c.help.replace(/\n*$/, '\n')}`;

function unknown(name: string, io: Io): number {
  write(io.err, `loulan: unknown command '${name}'\n\n${overview()}`);
  return EXIT.usage;
}

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

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
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
