import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types from the schema files; run `npm run codegen` in this package
// after changing any src/*.graphql file, and commit the result.
const config: CodegenConfig = {
  schema: ['../../platform/graphql/src/scalars.ts', 'src/*.graphql'],
  generates: {
    'src/__generated__/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useTypeImports: true,
        contextType: '@tideline/graphql#SubgraphContext',
        useIndexSignature: true,
        scalars: { DateTime: { input: 'Date', output: 'Date | string' }, JSON: 'unknown' },
        mappers: { Model: '../queries.ts#ModelStats' },
        enumsAsTypes: true,
      },
    },
  },
};
export default config;
