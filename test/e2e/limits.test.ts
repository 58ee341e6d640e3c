import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

/** Nested families -> children -> families ... : a legal query that only grows deeper. */
function deepQuery(levels: number): string {
  const path = Array.from({ length: levels }, (_, i) => (i % 2 === 0 ? 'families' : 'children'));
  return `{ children(first: 1) { ${path.map((f) => `${f} { id `).join('')}${'} '.repeat(levels)}} }`;
}

describe('query limits (graphql-armor) on the gateway and on every subgraph', () => {
  let t: HubClient;
  let token: string;
  beforeAll(async () => {
    t = await sharedTestHub();
    token = await t.userToken('secretary.vlk');
  });
  afterAll(() => t.stop());

  it('when a query nests deeper than the limit, then the gateway refuses it without naming the limit', async () => {
    const ok = await t.gql(token, deepQuery(6));
    expect(ok.errors).toBeUndefined();
    const tooDeep = await t.gql(token, deepQuery(13));
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.errors![0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tooDeep.errors![0].message).toMatch(/depth/i);
    expect(tooDeep.errors![0].message).not.toMatch(/\d/);
  });

  it('when a query carries more aliases than allowed, then it is refused', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: children(first: 1) { id }`).join(' ');
    const result = await t.gql(token, `{ ${aliases} }`);
    expect(result.errors![0].message).toMatch(/alias/i);
  });

  it('when the same deep query is sent to the bank subgraph directly, then the subgraph refuses it too', async () => {
    const result = await t.gql(token, deepQuery(20), {}, t.subgraphUrls.bank);
    expect(result.status).toBe(400);
    expect(result.errors![0].message).toMatch(/Запрос отклонён/);
  });

  it('when a query has more tokens than allowed, then the caller gets a GraphQL error (not an internal error)', async () => {
    const fields = Array.from({ length: 6000 }, () => 'id').join(' ');
    const result = await t.gql(token, `{ children(first: 1) { ${fields} } }`);
    expect(result.errors![0].message).toMatch(/tokens/i);
    expect(result.status).toBe(400);
  });
});
