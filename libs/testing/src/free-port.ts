import { createServer } from 'node:net';

/*
 * A port for a child process (nats-server, `npm start`) to bind a moment
 * later. Not `listen(0)`: the kernel draws those from its ephemeral range
 * (32768–60999 on Linux), the same range it hands outgoing connections, so
 * between the choice and the child's bind any connection on the machine could
 * take the port. CI failed exactly so: `npm start` exited with EADDRINUSE on a
 * port freePort had just returned.
 *
 * Below that range only explicit binds compete. Each test worker
 * (VITEST_POOL_ID; other processes by pid) takes its own slice of ports and
 * hands them out in turn, each checked free, so two tests running at once
 * never choose the same port either.
 */
const FLOOR = 20_000;
const SLICE = 1_000;
const SLICES = 12; // 20000–31999: below the ephemeral range
const slice = (Number(process.env.VITEST_POOL_ID) || process.pid) % SLICES;
// A random start: a test file run after another in the same worker does not retry that file's ports first.
let next = Math.floor(Math.random() * SLICE);

const canBind = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

export async function freePort(): Promise<number> {
  for (let tried = 0; tried < SLICE; tried++) {
    const port = FLOOR + slice * SLICE + (next++ % SLICE); // taken synchronously: concurrent calls get distinct ports
    if (await canBind(port)) return port;
  }
  throw new Error(`freePort: no free port in ${FLOOR + slice * SLICE}–${FLOOR + (slice + 1) * SLICE - 1}`);
}
