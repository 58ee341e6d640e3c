import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SubgraphDataSource } from '../../gateway/subgraph-data-source';

/**
 * A subgraph that closes a kept-alive connection under the second request sent on it, as a server
 * does when its idle timer fires just as the gateway reuses the socket.
 */
function flakySubgraph(): Promise<{ server: Server; url: string; answered: () => number; received: () => number }> {
  let answered = 0;
  let received = 0;
  const requestsOnSocket = new WeakMap<object, number>();
  const server = createServer((req, res) => {
    const n = (requestsOnSocket.get(req.socket) ?? 0) + 1;
    requestsOnSocket.set(req.socket, n);
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received++;
      if (n === 2) return void req.socket.destroy();
      answered++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { __typename: 'Query' } }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, answered: () => answered, received: () => received })),
  );
}

describe('a subgraph call over a connection the subgraph has just closed', () => {
  it('when a read meets the closed connection, then it is sent once more on a fresh one and answered', async () => {
    const fake = await flakySubgraph();
    try {
      const source = new SubgraphDataSource('bank', fake.url, 5000);
      await fetchThrough(source, 'query A { __typename }');
      await idle();
      const second = await fetchThrough(source, 'query B { __typename }');
      expect(second.data).toEqual({ __typename: 'Query' });
      expect(fake.answered()).toBe(2);
      expect(fake.received()).toBe(3);
    } finally {
      fake.server.close();
    }
  });

  it('when a write meets the closed connection, then it is not sent again and the error names the agency', async () => {
    const fake = await flakySubgraph();
    try {
      const source = new SubgraphDataSource('bank', fake.url, 5000);
      await fetchThrough(source, 'query A { __typename }');
      await idle();
      await expect(fetchThrough(source, 'mutation M { __typename }')).rejects.toMatchObject({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'bank' } });
      expect(fake.received()).toBe(2);
    } finally {
      fake.server.close();
    }
  });
});

/** The data source's own fetcher, as the gateway calls it for one subgraph request. */
async function fetchThrough(source: SubgraphDataSource, query: string): Promise<{ data?: unknown }> {
  const fetcher = (source as unknown as { fetcher: (url: string, init: RequestInit) => Promise<Response> }).fetcher;
  const response = await fetcher(source.url!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: unknown };
}

/** Lets the first connection go back to the pool as idle, ready to be reused. */
const idle = () => new Promise((resolve) => setTimeout(resolve, 50));
