import { Writable } from 'node:stream';
import { useLogDestination } from '../../subgraphs/common/server/observability';
import { personInput, signalInput } from '../support/factories';
import { CASE_VIEW, REGISTER_PERSON, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  },
});

describe('operations see each request: metrics per subgraph, log lines without tokens or personal data', () => {
  let t: TestHub;
  let childId: string;
  const origin = (url: string) => new URL(url).origin;

  beforeAll(async () => {
    // From debug: the subgraphs' own request lines are there, below the gateway's info line.
    useLogDestination(sink, 'debug');
    t = await startTestHub();
    const school = await t.systemToken('education');
    childId = (await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput({ lastName: 'Приметная' }) })).data!.registerPerson.person.id;
    await t.gql(school, reportSignal('education'), { input: signalInput(childId, { description: 'Особая примета: родимое пятно' }) });
  });
  afterAll(async () => {
    await t.stop();
    useLogDestination(undefined);
  });

  it('when the KDN reads a case view, then the gateway and every subgraph it touched count the operation on their Prometheus scrape', async () => {
    const result = await t.gql(await t.userToken('chair.vlk'), CASE_VIEW, { id: childId });
    expect(result.errors).toBeUndefined();
    const scrape = async (url: string) => (await fetch(`${origin(url)}/metrics`)).text();
    expect(await scrape(t.hub.gatewayUrl)).toMatch(/hub_graphql_request_duration_seconds_count\{[^}]*operation="CaseView"[^}]*\} [1-9]/);
    for (const name of ['bank', 'education', 'health', 'police', 'social', 'guardianship'] as const) {
      const text = await scrape(t.hub.subgraphs[name].url);
      const counted = text.split('\n').find((line) => line.startsWith('hub_graphql_request_duration_seconds_count{') && line.includes('operation="CaseView"'));
      expect(counted).toContain(`service="${name}"`);
      expect(Number(counted!.split(' ').pop())).toBeGreaterThan(0);
      expect(text).toMatch(/hub_audit_write_seconds_count\{[^}]*\} [1-9]/);
      expect(text).toMatch(/hub_db_pool_connections\{[^}]*state="total"[^}]*\} \d/);
    }
  });

  it('when the agencies write, then each agency scrape shows its outbox backlog and the bank the lag of the events it applied', async () => {
    const scrape = async (url: string) => (await fetch(`${origin(url)}/metrics`)).text();
    await t.gql(await t.systemToken('police'), reportSignal('police'), { input: signalInput(childId, { sourceKind: 'POLICE' }) });
    // The signal's event reaches the bank (its relay polls every 200 ms), then the scrapes tell it.
    await waitFor(
      'the police signal applied',
      async () => Number((await t.hub.subgraphs.bank.dataSource.query(`SELECT count(*) AS n FROM inbox WHERE source = 'police'`))[0].n),
      (n) => n > 0,
      20_000,
    );
    expect(await scrape(t.hub.subgraphs.police.url)).toMatch(/^hub_outbox_backlog\{[^}]*\} 0$/m);
    const bank = await scrape(t.hub.subgraphs.bank.url);
    expect(bank).toMatch(/^hub_sync_lag_seconds\{[^}]*quantile="0\.99"[^}]*\} \d/m);
    expect(bank).toMatch(/^hub_sync_events_last_5m\{[^}]*outcome="APPLIED"[^}]*\} [1-9]/m);
  });

  it('when requests are logged, then each line is JSON with the request id and no token, no name, no document and no variables', async () => {
    const token = await t.userToken('chair.vlk');
    const requestId = 'observability-probe-1';
    await t.gql(token, CASE_VIEW, { id: childId }, undefined, { 'x-request-id': requestId });
    const mine = lines.map((l) => JSON.parse(l)).filter((l) => l.requestId === requestId);
    expect(mine.map((l) => l.service).sort()).toEqual(['bank', 'education', 'gateway', 'guardianship', 'health', 'police', 'social']);
    // One line per client request at info (pino 30): the gateway's; the subgraphs' lines are debug (20).
    expect(mine.filter((l) => l.level >= 30).map((l) => l.service)).toEqual(['gateway']);
    expect(mine.filter((l) => l.service !== 'gateway').every((l) => l.level === 20)).toBe(true);
    const all = lines.join('\n');
    expect(all).not.toContain(token.split('.')[1]);
    expect(all).not.toContain('Приметная');
    expect(all).not.toContain('родимое пятно');
    expect(all).not.toContain(childId);
    expect(all).not.toContain('fullName');
  });
});

describe('one trace follows a case view from the gateway through every subgraph it touched', () => {
  it("when the KDN reads a case view, then the gateway span, a call span per subgraph and each subgraph's own span share one trace", async () => {
    const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
    const { setUpTracing } = await import('../../subgraphs/common/server/tracing');
    const exporter = new InMemorySpanExporter();
    setUpTracing(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    const t = await startTestHub();
    try {
      const school = await t.systemToken('education');
      const childId = (await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;
      exporter.reset();
      const result = await t.gql(await t.userToken('chair.vlk'), CASE_VIEW, { id: childId });
      expect(result.errors).toBeUndefined();

      const spans = exporter.getFinishedSpans();
      const root = spans.find((s) => s.name === 'gateway CaseView')!;
      expect(root).toBeDefined();
      const traceId = root.spanContext().traceId;
      const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
      const served = inTrace.filter((s) => s.attributes['hub.service'] && s.attributes['hub.service'] !== 'gateway').map((s) => s.attributes['hub.service']);
      expect([...new Set(served)].sort()).toEqual(['bank', 'education', 'guardianship', 'health', 'police', 'social']);
      const calls = inTrace.filter((s) => s.name.startsWith('call '));
      for (const server of inTrace.filter((s) => s.attributes['hub.service'] && s.attributes['hub.service'] !== 'gateway')) {
        const parent = calls.find((c) => c.spanContext().spanId === server.parentSpanContext?.spanId);
        expect(parent?.attributes['hub.subgraph']).toBe(server.attributes['hub.service']);
      }
      expect(JSON.stringify(inTrace.map((s) => s.attributes))).not.toContain(childId);
    } finally {
      await t.stop();
      setUpTracing(undefined);
    }
  });
});
