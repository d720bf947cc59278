import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { sharedTypeDefs } from '@tideline/contracts';
import { HttpError, deadlineOf, readBody, sendJson, withDeadline, type Logger, type RequestHandler } from '@tideline/runtime';
import { maskErrors } from './errors.ts';
import { scalarResolvers, scalarTypeDefs } from './scalars.ts';
import { SignatureError, claimedPrincipal, sha256Hex, verifyRequest, type VerifiedPrincipal } from './signing.ts';

/**
 * What every resolver receives: the project the gateway vouched for, and the
 * API key it authenticated (`actor`: its name, null when a service asked on
 * its own; `admin`: whether it is an admin key of the project).
 */
export interface SubgraphContext extends BaseContext, VerifiedPrincipal {
  logger: Logger;
}

export interface SubgraphOptions {
  name: string;
  /** The subgraph's schema.graphql (federation v2), without the shared scalars and input types. */
  typeDefs: string;
  /** Resolvers typed by the service's generated `Resolvers` (codegen), which buildSubgraphSchema's own type cannot express. */
  resolvers: object;
  secret: string;
  logger: Logger;
  maxBodyBytes?: number;
}

export interface Subgraph {
  handler: RequestHandler;
  stop(): Promise<void>;
}

/**
 * An Apollo subgraph behind a node HTTP handler. Requests must carry the
 * gateway's signature over the request and its body; the signed project and
 * key become `context.project`, `context.actor` and `context.admin`.
 */
export async function createSubgraph(options: SubgraphOptions): Promise<Subgraph> {
  type SchemaModule = Extract<Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number], { typeDefs: unknown }>;
  const schema = buildSubgraphSchema([
    { typeDefs: parse(scalarTypeDefs + sharedTypeDefs + options.typeDefs), resolvers: { ...scalarResolvers, ...options.resolvers } as SchemaModule['resolvers'] },
  ]);
  const server = new ApolloServer<SubgraphContext>({
    schema,
    formatError: maskErrors(options.logger),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // The runtime owns signals and stops modules in order; Apollo's own handler
    // would stop this server and re-raise the signal, killing the process mid-drain.
    stopOnTerminationSignals: false,
    // Hive Gateway does not read Apollo's inline traces; skip their cost.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;

  const handler: RequestHandler = async (req, res) => {
    const arrivedAt = Date.now();
    const unauthenticated = (err: unknown) => {
      if (!(err instanceof SignatureError)) throw err;
      sendJson(res, 401, { errors: [{ message: err.message, extensions: { code: err.code } }] });
    };
    try {
      // Unsigned or stale requests are refused before their body is read.
      claimedPrincipal(req, arrivedAt);
    } catch (err) {
      return unauthenticated(err);
    }
    let raw: Buffer;
    try {
      raw = await readBody(req, maxBodyBytes);
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 400;
      return sendJson(res, status, { errors: [{ message: (err as Error).message, extensions: { code: 'BAD_REQUEST' } }] });
    }
    let principal: VerifiedPrincipal;
    try {
      // The signature covers the body: the query and its variables cannot be swapped under it.
      principal = verifyRequest(options.secret, req, sha256Hex(raw), arrivedAt);
    } catch (err) {
      return unauthenticated(err);
    }
    let body: unknown;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch (err) {
      return sendJson(res, 400, { errors: [{ message: (err as Error).message, extensions: { code: 'BAD_REQUEST' } }] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    const url = new URL(req.url ?? '/', 'http://subgraph');
    // The caller's time budget, if it gave one, bounds everything the resolvers run (remainingBudgetMs).
    const response = await withDeadline(deadlineOf(req, arrivedAt), () =>
      server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: url.search, body },
        context: async () => ({ ...principal, logger: options.logger }),
      }),
    );
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') return void res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return { handler, stop: () => server.stop() };
}
