import { buildSubgraphSchema } from '@apollo/subgraph';
import { IResolvers, printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, BuildSchemaOptions, createResolversMap } from 'type-graphql';

/**
 * The one way every subgraph builds its schema: type-graphql classes first (with the schema
 * check off, because a subgraph may have no Query of its own), then Apollo's subgraph
 * builder with the federation link and the reference resolvers merged in.
 */
export async function buildFederatedSchema(options: Omit<BuildSchemaOptions, 'skipCheck'>, referenceResolvers: IResolvers = {}): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true, validate: false });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, typeResolvers] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...(typeResolvers as object) };
  }
  return buildSubgraphSchema({
    typeDefs: gql`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])
      ${printSchemaWithDirectives(schema)}
    `,
    resolvers: resolvers as never,
  });
}
