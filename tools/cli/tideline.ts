#!/usr/bin/env -S node --import tsx
/**
 * `tideline`: the command line of Tideline (`npm run tideline -- <command>`,
 * or the `tideline` bin). Commands: main.ts.
 */
import { main } from './main.ts';

const interrupted = new AbortController();
// First Ctrl-C: stop cleanly (ingest saves its checkpoint, watch ends); a second one: stop at once.
process.once('SIGINT', () => {
  interrupted.abort();
  process.once('SIGINT', () => process.exit(130));
});
process.exitCode = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress: process.stderr,
  env: process.env,
  signal: interrupted.signal,
});
