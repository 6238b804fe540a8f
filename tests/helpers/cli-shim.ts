// Development aid: runs `loulan build …` straight from src/commands/build.ts when the CLI
// table does not list it yet (LOULAN_BUILD_SHIM=1). Not used by CI.
import { parseArgs } from 'node:util';
const { command } = await import('../../src/commands/build.ts');
const args = process.argv.slice(3);
const { values, positionals } = parseArgs({ args, options: command.options, allowPositionals: true, strict: true });
process.exitCode = await command.run({ positionals, values: values as any, io: { out: process.stdout, err: process.stderr } });
