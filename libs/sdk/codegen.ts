import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * The SDK's typed operations (`npm run sdk:codegen`; the build checks they are
 * current), against the gateway's public schema (schema.graphql, written by
 * `npm run docs`, which runs this too when the schema changed). Documents are
 * emitted as strings, so the SDK needs neither graphql-js nor a parser at run
 * time.
 */
const config: CodegenConfig = {
  schema: 'libs/sdk/schema.graphql',
  documents: ['libs/sdk/src/operations/*.graphql'],
  generates: {
    'libs/sdk/src/__generated__/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        documentMode: 'string',
        useTypeImports: true,
        onlyOperationTypes: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
        // Over the wire a DateTime is an ISO string both ways.
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};
export default config;
