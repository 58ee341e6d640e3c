import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { waitFor } from '../support/sync-worker';

const ROOT = path.resolve(__dirname, '../..');

describe('traces exported by OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set', () => {
  let collector: Server;
  const received: Array<{ path: string; body: string }> = [];

  const readBody = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString();
  };

  beforeAll(async () => {
    collector = createServer((request, response) => {
      void readBody(request).then((body) => {
        received.push({ path: request.url ?? '', body });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => collector.close(resolve));
  });

  it('when a span ends in a process started with the endpoint, then the collector receives it at /v1/traces', async () => {
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/`;
    // A process of its own, as a service runs: the exporter loads its HTTP client by dynamic import, which Jest's sandbox refuses.
    const child = spawn(
      process.execPath,
      [
        '-r',
        './scripts/ts-register.js',
        '-e',
        `require('./subgraphs/common/server/tracing').setUpTracing();
         const { trace } = require('@opentelemetry/api');
         trace.getTracer('otlp-export-test').startSpan('probe-span').end();
         setTimeout(() => process.exit(0), 5000);`,
      ],
      { cwd: ROOT, env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '50' }, stdio: 'inherit' },
    );
    try {
      const exported = await waitFor(
        'the span at the collector',
        async () => received.filter((r) => r.body.includes('probe-span')),
        (found) => found.length > 0,
        20_000,
      );
      expect(exported[0].path).toBe('/v1/traces');
      expect(JSON.parse(exported[0].body).resourceSpans[0].scopeSpans[0].scope.name).toBe('otlp-export-test');
    } finally {
      child.kill();
    }
  });
});
