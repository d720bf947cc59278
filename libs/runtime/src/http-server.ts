import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { collectDefaultMetrics, register } from 'prom-client';
import { isPublicError } from '@tideline/contracts';
import { configSection, setting } from './config.ts';
import { HttpError, sendError, sendInternalError } from './http-io.ts';
import { defineModule } from './modules.ts';
import { currentRequestId, withRequestId } from './request-id.ts';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface HttpServer {
  /** Base URL this process serves on, such as `http://127.0.0.1:4000`. */
  readonly url: string;
  /** Serves `path` and everything below it (`/v1` serves `/v1/predictions`). */
  route(path: string, handler: RequestHandler): void;
  onUpgrade(path: string, handler: UpgradeHandler): void;
  /** `/readyz` answers 200 only when every check passes. */
  addReadinessCheck(name: string, check: () => boolean): void;
}

const serverConfig = configSection({
  port: setting.int({ env: 'PORT', doc: 'HTTP port of this process (gateway, ingest, health, metrics)', default: 4000, max: 65535 }),
  host: setting.string({ env: 'HOST', doc: 'interface to listen on; 0.0.0.0 in containers', default: '127.0.0.1' }),
});

let defaultMetricsStarted = false;

/** The process's one HTTP server: health, readiness, Prometheus metrics, and the routes modules add. */
export const httpServerModule = defineModule({
  name: 'server',
  internal: true,
  config: serverConfig,
  async start(ctx, config) {
    if (!defaultMetricsStarted) collectDefaultMetrics();
    defaultMetricsStarted = true;
    const routes: [string, RequestHandler][] = [];
    const upgrades: [string, UpgradeHandler][] = [];
    const checks = new Map<string, () => boolean>();
    // Not ready until every module of the process has started and added its routes.
    let started = false;
    void ctx.allStarted.then(() => (started = true));
    checks.set('starting', () => started);
    const match = <H>(list: [string, H][], url: string | undefined): H | undefined => {
      const path = (url ?? '/').split('?')[0]!;
      return list.find(([prefix]) => path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))?.[1];
    };
    const failing = () => [...checks].filter(([, check]) => !check()).map(([name]) => name);
    // A public error a handler let through is answered as it is; anything else is logged
    // in full under the request id, which is all the client gets of it.
    const serve = (handler: RequestHandler, path: string) =>
      withRequestId(async (req, res) => {
        try {
          await handler(req, res);
        } catch (err) {
          if (res.headersSent) {
            ctx.logger.error({ err, path, requestId: currentRequestId() }, 'request handler failed mid-response');
            return void res.destroy();
          }
          if (isPublicError(err)) return sendError(res, err, err instanceof HttpError ? err.headers : {});
          const requestId = currentRequestId()!;
          ctx.logger.error({ err, path, requestId }, 'request handler failed');
          sendInternalError(res, requestId);
        }
      });

    const server: Server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/healthz') return void res.end('ok\n');
      if (path === '/readyz') {
        const notReady = failing();
        res.statusCode = notReady.length ? 503 : 200;
        return void res.end(notReady.length ? `not ready: ${notReady.join(', ')}\n` : 'ready\n');
      }
      if (path === '/metrics') {
        return void register.metrics().then((body) => {
          res.setHeader('content-type', register.contentType);
          res.end(body);
        });
      }
      const handler = match(routes, req.url);
      if (!handler) {
        res.statusCode = 404;
        return void res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${path}` } }));
      }
      void serve(handler, path!)(req, res);
    });
    server.on('upgrade', (req, socket, head) => {
      const handler = match(upgrades, req.url);
      if (handler) handler(req, socket, head);
      else socket.destroy();
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const value: HttpServer = {
      url: `http://${host}:${port}`,
      route: (path, handler) => void routes.push([path, handler]),
      onUpgrade: (path, handler) => void upgrades.push([path, handler]),
      addReadinessCheck: (name, check) => void checks.set(name, check),
    };
    ctx.logger.info({ url: value.url }, 'http server listening');
    return {
      value,
      async stop() {
        // In-flight requests finish; idle keep-alive sockets close at once.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), 10_000);
        await closed;
        clearTimeout(timer);
      },
    };
  },
});
