/**
 * The network between the platform and its trainer subgraph, with a fault
 * the test controls: every request is passed on unchanged (same path, so the
 * internal signature holds) to the real trainer, except `cancelTraining`
 * while `refusing` says so, which gets a 503 as a trainer that is down or
 * overloaded answers. Nothing is imitated: the trainer, the loop and their
 * records are the real ones.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll } from 'vitest';
import { freePort } from '@tideline/testing';

export const SUBGRAPHS = ['ingest', 'evalstore', 'metrics', 'alerts', 'registry', 'curation', 'trainer', 'loop', 'gateway'] as const;

export interface TrainerLink {
  /** Env for startDevPlatform: its port and TIDELINE_SUBGRAPH_URLS with the trainer behind this link. */
  env: Record<string, string>;
  /** Cancels still to refuse (Infinity: all, until set back to 0). */
  refusing: number;
  /** cancelTraining requests refused so far, and passed on. */
  refused: number;
  passed: number;
}

const body = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** A link to the platform that will listen on `env.PORT`; closed after the file's tests. */
export async function trainerLink(): Promise<TrainerLink> {
  const [platformPort, linkPort] = [await freePort(), await freePort()];
  const subgraphUrls = SUBGRAPHS.map((s) => `${s}=http://127.0.0.1:${s === 'trainer' ? linkPort : platformPort}/internal/${s}/graphql`).join(',');
  const link: TrainerLink = { env: { PORT: String(platformPort), TIDELINE_SUBGRAPH_URLS: subgraphUrls }, refusing: 0, refused: 0, passed: 0 };
  const pass = async (req: IncomingMessage, res: ServerResponse) => {
    const payload = await body(req);
    if (payload.includes('cancelTraining')) {
      if (link.refusing > 0) {
        link.refusing--;
        link.refused++;
        res.writeHead(503, { 'content-type': 'text/plain' }).end('trainer unavailable');
        return;
      }
      link.passed++;
    }
    const upstream = request({ host: '127.0.0.1', port: platformPort, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    upstream.end(payload);
  };
  const server = createServer((req, res) => void pass(req, res).catch(() => res.writeHead(502).end()));
  await new Promise<void>((resolve) => server.listen(linkPort, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())));
  return link;
}
