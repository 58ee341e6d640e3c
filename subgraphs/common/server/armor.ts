import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Query limits, on the gateway and again on every subgraph (a subgraph may be called
 * directly). Subgraphs get a little more room because the gateway's own subqueries nest the
 * `_entities` selection one level deeper than the client's query.
 */
export function createArmor(kind: 'gateway' | 'subgraph') {
  const extra = kind === 'subgraph' ? 2 : 0;
  return new ApolloArmor({
    maxDepth: { n: 12 + extra, exposeLimits: false, flattenFragments: true },
    maxAliases: { n: 30, exposeLimits: false },
    maxDirectives: { n: 50, exposeLimits: false },
    costLimit: { maxCost: 20000, exposeLimits: false },
    maxTokens: { n: 5000, exposeLimits: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}
