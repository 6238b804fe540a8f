#!/usr/bin/env node
// Entry point: run the compiled CLI (dist/, built by `npm install` / `npm pack` through the
// `prepare` script; `npm run compile` rebuilds it after editing src/).
const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv.slice(2));
