// `loulan serve [dir]`: look at a built site locally (src/site/serve.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, archivePath, write, type Command } from './command.ts';
import { startServer } from '../serve/server.ts';
import { normalizePrefix } from '../site/data/urls.ts';

export const command: Command = {
  usage: 'loulan serve [dir] [--port N] [--path-prefix /x/]',
  help: [
    'Serve a built site (default _site) on http://127.0.0.1:<port>/ until interrupted.',
    '',
    '  --port N             port (default 8080; 0 picks a free one)',
    '  --path-prefix /x/    serve under a sub-path (default: the prefix the site was built with)',
  ].join('\n'),
  options: {
    port: { type: 'string', short: 'p' },
    'path-prefix': { type: 'string' },
  },
  async run({ positionals, values, io }) {
    if (positionals.length > 1) throw new UsageError(`expected one [dir], got ${positionals.length}`);
    const port = values.port === undefined ? 8080 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got '${values.port}'`);
    const root = await archivePath([positionals[0] ?? '_site']);
    const prefix = normalizePrefix((values['path-prefix'] as string | undefined) ?? builtPrefix(root));
    const { server, url } = await startServer({ root, port, prefix });
    write(io.out, `serving ${root} at ${url} (Ctrl-C to stop)\n`);
    await new Promise<void>((done) => {
      const stop = () => server.close(() => done());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};

/** The path prefix recorded in the site's build report, so `serve` matches `build`. */
function builtPrefix(root: string): string {
  const report = join(root, 'build-report.json');
  if (!existsSync(report)) return '/';
  try {
    return (JSON.parse(readFileSync(report, 'utf8')) as { options?: { pathPrefix?: string } }).options?.pathPrefix ?? '/';
  } catch {
    return '/';
  }
}
