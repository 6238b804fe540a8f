#!/usr/bin/env node
// Entry point: run the compiled CLI (dist/, built by `npm install` / `npm pack` through the
// `prepare` script; `npm run compile` rebuilds it after editing src/).
//
// A build runs a worker per core beside its main thread and index worker: no core is left
// for V8's parallel and concurrent GC helpers, whose work then only adds CPU time. The flag
// that keeps each collection on its own thread must be given at start-up (set once the heap
// runs, V8 aborts), so a build runs itself again with it, in a process group of its own:
// Ctrl-C reaches it once, through this process, and it stops cleanly.
const FLAG = '--single-threaded-gc';
if (process.argv[2] === 'build' && !process.execArgv.includes(FLAG)) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...process.execArgv, FLAG, ...process.argv.slice(1)], { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (code !== null) process.exit(code);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
} else {
  const { main } = await import('../dist/cli.js');
  process.exitCode = await main(process.argv.slice(2));
}
