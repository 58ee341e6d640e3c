import type { CodegenConfig } from '@graphql-codegen/cli';

// Types every `graphql(...)` call of the portal against the gateway's API schema
// (portal/schema.graphql, written by scripts/portal-schema.ts): an operation the schema no longer
// answers fails here, and a changed field type fails `tsc -p portal` where the page uses it.
const config: CodegenConfig = {
  schema: 'portal/schema.graphql',
  documents: ['portal/src/**/*.{ts,tsx}', '!portal/src/gql/**'],
  ignoreNoDocuments: false,
  emitLegacyCommonJSImports: false,
  generates: {
    'portal/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { LocalDate: 'string', DateTime: 'string', JSONObject: 'Record<string, unknown>' },
        strictScalars: false,
        defaultScalarType: 'unknown',
      },
    },
  },
};

export default config;
