import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES } from '../subgraphs/common/config';
import { repoRoot } from './repo-root';
import { SUBGRAPHS } from './subgraph-registry';

export const SUPERGRAPH_FILE = path.join(repoRoot(), 'schema', 'supergraph.graphql');

/** Composes the six subgraph schemas (built from code, no database needed) into the supergraph SDL. */
export async function composeSupergraph(): Promise<string> {
  const services = [];
  for (const name of SUBGRAPH_NAMES) {
    const entry = SUBGRAPHS[name];
    if (!entry) continue;
    services.push({ name, url: entry.productionUrl, typeDefs: parse(printSubgraphSchema(await entry.schema())) });
  }
  const result = composeServices(services);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

if (require.main === module) {
  composeSupergraph()
    .then((sdl) => {
      writeFileSync(SUPERGRAPH_FILE, sdl);
      process.stdout.write(`Supergraph written to ${path.relative(process.cwd(), SUPERGRAPH_FILE)}\n`);
    })
    .catch((error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
}
