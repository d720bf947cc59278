/**
 * A real TCP forwarder in front of a server, whose connections the test can
 * cut and which can refuse new ones for a while: a stream dropped by the
 * network (a restarted load balancer, a lost Wi-Fi) that the platform itself
 * cannot be made to cause.
 */
import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  /** `http://127.0.0.1:<port>`: the proxied server's URL, through the proxy. */
  url: string;
  /** While true, each new connection is closed as soon as it is accepted (the server is unreachable). */
  refusing: boolean;
  /** How many of the next new connections to close as soon as they are accepted (each one refused counts down). */
  refuseNext: number;
  /** Closes every open connection, both sides; returns how many there were. */
  cut(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<[Socket, Socket]>();
  const drop = (pair: [Socket, Socket]) => {
    open.delete(pair);
    for (const socket of pair) socket.destroy();
  };
  const proxy: TcpProxy = {
    url: '',
    refusing: false,
    refuseNext: 0,
    cut: () => {
      const pairs = [...open];
      pairs.forEach(drop);
      return pairs.length;
    },
    close: () => {
      proxy.cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((client) => {
    if (proxy.refusing) return void client.destroy();
    if (proxy.refuseNext > 0) {
      proxy.refuseNext -= 1;
      return void client.destroy();
    }
    const upstream = connect(Number(port), hostname);
    const pair: [Socket, Socket] = [client, upstream];
    open.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    for (const socket of pair) {
      socket.on('error', () => drop(pair));
      socket.on('close', () => drop(pair));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no TCP address');
  proxy.url = `http://127.0.0.1:${address.port}`;
  return proxy;
}
