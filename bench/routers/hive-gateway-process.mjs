// Hive Gateway in a process of its own: the Rust planner is loaded with a dynamic import(),
// which jest's module sandbox refuses, and the bench measures each router's CPU apart.
// Input: one JSON argument {supergraphPath, planner: 'js'|'rust', headers: [...], host, port}.
// Output: one JSON line {"url": ...} on stdout once it listens.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';

const options = JSON.parse(process.argv[2]);
const rust = options.planner === 'rust' ? await import('@graphql-hive/router-runtime') : null;
const runtime = createGatewayRuntime({
  supergraph: readFileSync(options.supergraphPath, 'utf8'),
  ...(rust ? { unifiedGraphHandler: rust.unifiedGraphHandler } : {}),
  logging: process.env.HIVE_GATEWAY_LOG === 'true' ? 'debug' : false,
  graphiql: false,
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const headers = {};
      for (const name of options.headers) {
        const value = request.headers.get(name);
        if (value) headers[name] = value;
      }
      return headers;
    },
  },
});
const server = http.createServer(runtime);
server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://${options.host ?? '127.0.0.1'}:${server.address().port}/graphql` })}\n`);
});
const stop = () => {
  server.closeAllConnections();
  server.close(() => void Promise.resolve(runtime.dispose()).finally(() => process.exit(0)));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
