import type { IncomingMessage, ServerResponse } from 'node:http';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GatewayConfig, GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { sendJson } from '@tideline/runtime';

/** Any plugin the runtime's `plugins` option takes (Envelop's, Yoga's or the gateway's). */
type RuntimePlugin = ReturnType<NonNullable<GatewayConfig['plugins']>>[number];

/** Bounds on one GraphQL operation, from the gateway's TIDELINE_GRAPHQL_MAX_* settings. */
export interface GraphqlLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
}

/**
 * GraphQL Armor reports "Syntax Error: <what>"; callers get the same facts
 * with a stable code and the setting that raises the limit. Validation rules
 * report the error (a thrown one would be masked as an internal error); the
 * token count, checked while parsing, has nothing to report to and throws.
 * Armor's own error is amended rather than replaced: it comes from the copy
 * of graphql that Yoga's `instanceof GraphQLError` knows (tests load two).
 */
const refuse = (code: string, env: string) => ({
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => {
      error.message = `${error.message.replace(/^Syntax Error: /, '').replace(/\.$/, '')} (the gateway's ${env})`;
      error.extensions.code = code;
      if (!context) throw error;
      context.reportError(error);
    },
  ],
});

/**
 * Like graphql-js's NoSchemaIntrospectionCustomRule, with a code: `__schema`
 * and `__type` are the only ways into the introspection types; `__typename`
 * stays allowed. (By name, not by type: tests load two copies of graphql.)
 */
const noIntrospection: ValidationRule = (context: ValidationContext) => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(
        new GraphQLError(`introspection is disabled in production (NODE_ENV=production); "${node.name.value}" is not available`, {
          nodes: node,
          extensions: { code: 'INTROSPECTION_DISABLED' },
        }),
      );
    }
  },
});

/**
 * Envelop plugins that refuse oversized operations before they reach a
 * subgraph (token count at parse; depth, aliases and cost at validation),
 * and outside development hide the schema: no introspection, no
 * "Did you mean …?" suggestions.
 */
export function limitPlugins(limits: GraphqlLimits, development: boolean): RuntimePlugin[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxDepth, ...refuse('QUERY_TOO_DEEP', 'TIDELINE_GRAPHQL_MAX_DEPTH') }),
    maxAliasesRule({ n: limits.maxAliases, ...refuse('TOO_MANY_ALIASES', 'TIDELINE_GRAPHQL_MAX_ALIASES') }),
    costLimitRule({ maxCost: limits.maxCost, ...refuse('QUERY_TOO_COMPLEX', 'TIDELINE_GRAPHQL_MAX_COST') }),
  ];
  if (!development) rules.push(noIntrospection);
  const validation: GatewayPlugin = { onValidate: ({ addValidationRule }) => rules.forEach((rule) => addValidationRule(rule)) };
  return [
    maxTokensPlugin({ n: limits.maxTokens, ...refuse('TOO_MANY_TOKENS', 'TIDELINE_GRAPHQL_MAX_TOKENS') }),
    validation,
    ...(development ? [] : [blockFieldSuggestionsPlugin({ mask: '' })]),
  ];
}

/**
 * GraphQL Yoga's own cap on a request body (its `maxRequestBodySize`, which
 * the gateway runtime does not let us set): /graphql's limit is
 * TIDELINE_MAX_BODY_BYTES up to this.
 */
export const YOGA_MAX_BODY_BYTES = 25_000_000;

/**
 * Reads a POST body of at most `maxBytes` into `req.body`, where the Yoga
 * adapter takes it instead of the stream. False once it has answered 413
 * (with the project's error shape, before Yoga's cap), or when the client
 * went away.
 */
export async function readBodyWithin(req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<boolean> {
  if (req.method === 'GET' || req.method === 'HEAD') return true;
  const tooLarge = () => {
    const message = `request body exceeds the limit of ${maxBytes} bytes (the gateway's TIDELINE_MAX_BODY_BYTES, at most ${YOGA_MAX_BODY_BYTES} on /graphql)`;
    sendJson(res, 413, { errors: [{ message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }, { connection: 'close' });
    // Drain, not destroy: destroying the request would also cut off the 413.
    req.resume();
    return false;
  };
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return tooLarge();
  const body = await new Promise<Buffer | 'too large' | 'gone'>((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      req.off('data', onData);
      resolve('too large');
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => resolve('gone'));
    req.once('close', () => resolve('gone'));
  });
  if (body === 'too large') return tooLarge();
  if (body === 'gone') return false;
  (req as IncomingMessage & { body?: Buffer }).body = body;
  return true;
}
