#!/usr/bin/env node
// Entry point: run the compiled CLI (dist/, built by `npm install` / `npm pack` through the
// `prepare` script; `npm run compile` rebuilds it after editing src/).
//
// A build runs a worker per core beside its main thread and index worker: no core is left
// for V8's parallel and concurrent GC helpers, whose work then only adds CPU time. And each
// of those heaps holds little live data (a thread at a time) through a stream of garbage:
// grown from V8's small default, its old space is marked and compacted every few dozen MB
// promoted; started at 128 MiB, far less often (≈ 12 % less CPU for a cold build). Such
// flags must be given at start-up (set once the heap runs, V8 aborts), so a build runs
// itself again with them (yours, given to node, come after and win), in a process group of
// its own: Ctrl-C reaches it once, through this process, and it stops cleanly. Its buffers
// (file reads, zlib, the index's columns) come from glibc's malloc, which gives each thread
// an arena of its own and returns little of it: two arenas for all threads cut a 2M-post
// build's peak RSS by 60–75 MiB at the same speed (MALLOC_ARENA_MAX, when you set it, wins).
const FLAGS = ['--single-threaded-gc', '--initial-old-space-size=128'];
const ENV = { MALLOC_ARENA_MAX: '2', ...process.env };
if (process.argv[2] === 'build' && !process.execArgv.includes(FLAGS[0])) {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...FLAGS, ...process.execArgv, ...process.argv.slice(1)], { stdio: ['ignore', 'inherit', 'inherit'], detached: true, env: ENV });
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
