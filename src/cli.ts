// The `loulan` command line: a small table of commands, each loaded only when run.
// To add a command, add one line to COMMANDS and export `command` from its module.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, write, type Command, type CommandContext, type Io } from './commands/command.ts';

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

async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { ROOT } = await import('./common/package.ts');
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

