import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types generated from schema.graphql; `npm run codegen` rewrites src/__generated__.
const config: CodegenConfig = {
  schema: ['src/schema.graphql', 'scalar DateTime\nscalar JSON\ndirective @link(url: String!, import: [String]) repeatable on SCHEMA'],
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useTypeImports: true,
        contextType: '@tideline/graphql#SubgraphContext',
        scalars: { DateTime: 'Date', JSON: 'unknown' },
        enumsAsTypes: true,
      },
    },
  },
};
export default config;
