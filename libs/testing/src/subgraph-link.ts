/**
 * The network between a platform and one of its subgraphs, with a fault the
 * test controls: a link in the test's process that every request to subgraph
 * `name` crosses (the gateway's and the other services' alike, as
 * TIDELINE_SUBGRAPH_URLS sends them there). Each request is passed on
 * unchanged to the platform — same path and headers, so the internal
 * signature holds — unless `fault` answers a status for it; `fault` may also
 * take its time first (a service further away). Nothing is imitated: the
 * subgraph and its callers are the real ones.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { freePort } from './free-port.ts';

/** Every subgraph of the catalog (the gateway composes exactly the ones listed). */
const SUBGRAPHS = ['ingest', 'evalstore', 'metrics', 'alerts', 'registry', 'curation', 'trainer', 'loop', 'gateway'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

/** What the link does with one request (its body as text): a status to answer instead of passing it on, else nothing, once it is time to pass it on. */
export type LinkFault = (body: string) => Promise<number | void> | number | void;

export interface SubgraphLink {
  /** For startDevPlatform: the platform's PORT, and TIDELINE_SUBGRAPH_URLS with `name` behind the link. */
  env: { PORT: string; TIDELINE_SUBGRAPH_URLS: string };
  close(): Promise<void>;
}

const bodyOf = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/** A link to subgraph `name` of the platform that will listen on `env.PORT`. */
export async function subgraphLink(name: SubgraphName, fault: LinkFault): Promise<SubgraphLink> {
  const [platformPort, linkPort] = [await freePort(), await freePort()];
  const urls = SUBGRAPHS.map((s) => `${s}=http://127.0.0.1:${s === name ? linkPort : platformPort}/internal/${s}/graphql`).join(',');
  const pass = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await bodyOf(req);
    const status = await fault(body.toString('utf8'));
    if (status) return void res.writeHead(status, { 'content-type': 'text/plain' }).end(`refused by the test's link to ${name}`);
    const upstream = request({ host: '127.0.0.1', port: platformPort, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    upstream.end(body);
  };
  const server = createServer((req, res) => void pass(req, res).catch(() => res.writeHead(502).end()));
  await new Promise<void>((resolve) => server.listen(linkPort, '127.0.0.1', resolve));
  return {
    env: { PORT: String(platformPort), TIDELINE_SUBGRAPH_URLS: urls },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
