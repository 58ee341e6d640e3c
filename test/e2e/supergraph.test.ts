import { readFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from '../../scripts/compose';
import { CASE_SUBGRAPHS } from '../../subgraphs/common/config';

describe('the committed supergraph', () => {
  let composed: string;
  beforeAll(async () => {
    composed = await composeSupergraph();
  });

  it('when the subgraphs are composed from the code, then the result equals schema/supergraph.graphql (run `npm run compose` if not)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composed);
  });

  it('when the supergraph is read, then Child is an entity that every one of the six subgraphs contributes to', () => {
    const child = /type Child\n((?:\s+@join__type\([^)]*\)\n)+)/.exec(composed);
    expect(child).not.toBeNull();
    const graphs = [...child![1].matchAll(/graph: ([A-Z]+), key: "id"/g)].map((m) => m[1].toLowerCase()).sort();
    expect(graphs).toEqual([...CASE_SUBGRAPHS].sort());
  });
});
