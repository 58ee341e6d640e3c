import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTokenVerifier } from '../../auth/verify/token-verifier';
import { DEFAULT_ALLOWED_CLIENTS } from '../../subgraphs/common/config';
import { ConfigError } from '../../subgraphs/common/config';
import { DEFAULT_SUPERGRAPH_PATH, gatewayConfigFromEnv } from '../../gateway/gateway.config';
import { ClientRateConfig, OverloadConfig } from '../../gateway/overload';
import { buildGateway } from '../../gateway/server';
import { RunningService } from '../../subgraphs/common/server/create-subgraph-server';
import { personInput } from '../support/factories';
import { REGISTER_PERSON } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';

const CASE_VIEW = readFileSync(path.join(__dirname, '../../gateway/safelist/operations/kdn-portal/case-view.graphql'), 'utf8');

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: { data?: { child?: Record<string, unknown> | null } | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/**
 * A request whose body is held back: the gateway has admitted it (a slot is taken before the
 * body is read) and it stays in flight until release() sends the last byte. Capacity is filled
 * by count, never by timing.
 */
function heldRequest(url: string, token: string, payload: unknown): { release(): void; answer: Promise<Answer> } {
  const body = Buffer.from(JSON.stringify(payload));
  const target = new URL(url);
  let request!: http.ClientRequest;
  const answer = new Promise<Answer>((resolve, reject) => {
    request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}`, 'x-hub-purpose': 'INDIVIDUAL_PREVENTION' },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, retryAfter: response.headers['retry-after'] as string | undefined, body: JSON.parse(text) }));
      },
    );
    request.on('error', reject);
  });
  request.write(body.subarray(0, body.length - 1));
  request.flushHeaders();
  return { release: () => request.end(body.subarray(body.length - 1)), answer };
}

async function post(url: string, token: string, payload: unknown): Promise<Answer> {
  const held = heldRequest(url, token, payload);
  held.release();
  return held.answer;
}

/** Waits until the gateway's own gauges show the held requests arrived: in flight and queued, as counted by the gateway. */
async function untilGateway(url: string, expected: { inFlight: number; queued: number }): Promise<void> {
  const read = (text: string, name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  let seen = {};
  for (let i = 0; i < 400; i++) {
    const text = await (await fetch(new URL('/metrics', url))).text();
    seen = { inFlight: read(text, 'hub_gateway_in_flight'), queued: read(text, 'hub_gateway_queued') };
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the gateway never showed ${JSON.stringify(expected)}; last ${JSON.stringify(seen)}`);
}

describe("overload is explicit: 503 past capacity, 429 past a client's rate, never a 200 with missing sections", () => {
  let t: TestHub;
  let childId: string;
  let secretary: string;
  const gateways: RunningService[] = [];

  /** A second gateway over the test hub's subgraphs with small limits. */
  const gatewayWith = async (overload: OverloadConfig, clientRate: ClientRateConfig | null) => {
    const auth = { issuer: t.idp.issuer, audience: 'hub-api', allowedClients: DEFAULT_ALLOWED_CLIENTS };
    const running = await buildGateway(
      {
        host: '127.0.0.1',
        port: 0,
        supergraphPath: process.env.HUB_TEST_SUPERGRAPH || DEFAULT_SUPERGRAPH_PATH,
        subgraphUrls: Object.fromEntries(Object.values(t.hub.subgraphs).map((s) => [s.name, s.url])),
        subgraphTimeoutMs: 5000,
        auth,
        production: false,
        enforceSafelist: false,
        registryUrl: new URL('/registry', t.hub.subgraphs.bank.url).toString(),
        overload,
        clientRate,
      },
      createTokenVerifier(auth),
    ).start();
    gateways.push(running);
    return running;
  };
  const view = { query: CASE_VIEW, operationName: 'CaseView', variables: {} as Record<string, unknown> };

  beforeAll(async () => {
    t = await startTestHub();
    secretary = await t.userToken('secretary.vlk');
    const registered = await t.gql<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: personInput() });
    childId = registered.data!.registerPerson.person.id;
    view.variables = { id: childId };
  });
  afterAll(async () => {
    for (const gateway of gateways) await gateway.stop();
    await t?.stop();
  });

  it('when two requests run and one waits, then the next is refused at once with 503 and Retry-After, health and metrics still answer, and the admitted ones complete whole', async () => {
    const gateway = await gatewayWith({ maxConcurrent: 2, maxQueue: 1, queueTimeoutMs: 60000, retryAfterSeconds: 3 }, null);
    const origin = new URL(gateway.url).origin;
    const held = [heldRequest(gateway.url, secretary, view), heldRequest(gateway.url, secretary, view), heldRequest(gateway.url, secretary, view)];
    await untilGateway(gateway.url, { inFlight: 2, queued: 1 });

    // The three held requests fill both slots and the queue; each later one is refused.
    const refused: Answer[] = [];
    for (let i = 0; i < 4; i++) refused.push(await post(gateway.url, secretary, view));
    expect(await (await fetch(`${origin}/metrics`)).text()).toMatch(/hub_gateway_rejected_total\{reason="queue-full"[^}]*\} 4/);
    expect((await fetch(`${origin}/health/live`)).status).toBe(200);
    expect((await fetch(`${origin}/metrics`)).status).toBe(200);

    for (const h of held) h.release();
    const admitted = await Promise.all(held.map((h) => h.answer));

    expect(refused.map((a) => [a.status, a.retryAfter, a.body.errors?.[0]?.extensions?.code, a.body.errors?.[0]?.extensions?.reason])).toEqual(Array(4).fill([503, '3', 'OVERLOADED', 'queue-full']));
    expect(admitted.map((a) => [a.status, a.body.errors, a.body.data?.child?.id])).toEqual(Array(3).fill([200, undefined, childId]));
    // Capacity is back once they are done.
    const after = await post(gateway.url, secretary, view);
    expect([after.status, after.body.errors]).toEqual([200, undefined]);
  });

  it('when a queued request is not admitted within the queue timeout, then it is answered 503, not left to time out at the subgraphs', async () => {
    const gateway = await gatewayWith({ maxConcurrent: 1, maxQueue: 5, queueTimeoutMs: 20, retryAfterSeconds: 1 }, null);
    const holder = heldRequest(gateway.url, secretary, view);
    await untilGateway(gateway.url, { inFlight: 1, queued: 0 });
    const waited = await post(gateway.url, secretary, view);
    holder.release();
    const held = await holder.answer;

    expect([waited.status, waited.retryAfter, waited.body.errors?.[0]?.extensions?.reason]).toEqual([503, '1', 'queue-timeout']);
    expect([held.status, held.body.errors]).toEqual([200, undefined]);
  });

  it('when one person sends more than the client rate allows, then the excess is answered 429 with Retry-After while another person is still served', async () => {
    const gateway = await gatewayWith({ maxConcurrent: 100, maxQueue: 100, queueTimeoutMs: 60000, retryAfterSeconds: 1 }, { perSecond: 1, burst: 3 });
    const cheap = { query: '{ __typename }' };
    const burst = await Promise.all(Array.from({ length: 10 }, () => post(gateway.url, secretary, cheap)));
    const other = await post(gateway.url, await t.userToken('chair.vlk'), view);

    const ok = burst.filter((a) => a.status === 200);
    const limited = burst.filter((a) => a.status === 429);
    expect(ok.length + limited.length).toBe(10);
    // Three from the burst; a fourth only if the machine took a whole second over the ten.
    expect(ok.length).toBeGreaterThanOrEqual(3);
    expect(ok.length).toBeLessThanOrEqual(4);
    for (const a of limited) {
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(a.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(a.body.data ?? null).toBeNull();
    }
    expect([other.status, other.body.errors, other.body.data?.child?.id]).toEqual([200, undefined, childId]);
  });

  it('when the limits are configured out of range, then the gateway refuses to start and names the setting', () => {
    const env = (extra: Record<string, string>) => gatewayConfigFromEnv({ AUTH_ISSUER: 'http://idp.test/realms/hub', ...extra });
    expect(() => env({ GATEWAY_MAX_CONCURRENT: '0' })).toThrow(new ConfigError('Ошибка настройки: GATEWAY_MAX_CONCURRENT=0: нужно целое число от 1 до 10000'));
    expect(() => env({ GATEWAY_QUEUE_TIMEOUT_MS: 'soon' })).toThrow(/GATEWAY_QUEUE_TIMEOUT_MS=soon/);
    expect(() => env({ CLIENT_RATE_PER_S: '-5' })).toThrow(/CLIENT_RATE_PER_S=-5/);
    expect(env({ CLIENT_RATE_PER_S: '0' }).clientRate).toBeNull();
    expect(env({ GATEWAY_MAX_CONCURRENT: '8', CLIENT_RATE_PER_S: '10' })).toMatchObject({ overload: { maxConcurrent: 8, maxQueue: 256 }, clientRate: { perSecond: 10, burst: 20 } });
  });
});
