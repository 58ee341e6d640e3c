import { Client } from 'pg';
import { startTestHub, TestHub } from '../support/test-hub';

interface Probe {
  status: number;
  body: Record<string, unknown>;
}

async function probe(url: string): Promise<Probe> {
  const response = await fetch(url);
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, body };
}

/** Probes until `accept` holds or the time is up; returns the last answer either way (the caller asserts on it). */
async function probeUntil(url: string, accept: (p: Probe) => boolean, timeoutMs: number, intervalMs = 100): Promise<Probe> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe(url);
  while (!accept(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    last = await probe(url);
  }
  return last;
}

const ROLE = 'hub_education';

describe('the health endpoints of a subgraph', () => {
  let t: TestHub;
  let admin: Client;
  let base: string;
  let database: string;

  beforeAll(async () => {
    t = await startTestHub();
    base = t.hub.subgraphs.education.url.replace(/\/graphql$/, '');
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    database = `"${new URL(t.adminUrl).pathname.slice(1)}"`;
  });

  afterAll(async () => {
    // Whatever happened above, the role may connect to this file's database again.
    await admin?.query(`GRANT CONNECT ON DATABASE ${database} TO ${ROLE}`).catch(() => undefined);
    await admin?.end();
    await t?.stop();
  });

  it('answer 200 live and 200 ready while the database answers', async () => {
    const live = await probe(`${base}/health/live`);
    const ready = await probe(`${base}/health/ready`);
    expect(live).toEqual({ status: 200, body: expect.objectContaining({ status: 'live', service: 'education' }) });
    expect(ready).toEqual({ status: 200, body: expect.objectContaining({ status: 'ready', service: 'education' }) });
  });

  it('answer 503 ready (failing: database) but 200 live when the subgraph cannot reach its database, and ready again once it can', async () => {
    try {
      // This database only: roles are server-wide and other test files use the same role at the same time.
      await admin.query(`REVOKE CONNECT ON DATABASE ${database} FROM ${ROLE}`);
      const { rows } = await admin.query<{ terminated: boolean }>('SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE usename = $1 AND datname = current_database()', [ROLE]);
      expect(rows.length).toBeGreaterThan(0);

      // The pool may hand out a connection whose termination it has not noticed yet: that query fails too.
      const down = await probeUntil(`${base}/health/ready`, (p) => p.status === 503, 5000);
      expect(down).toEqual({ status: 503, body: { status: 'not-ready', service: 'education', failing: ['database'], reason: 'error' } });
      // A fresh connection is refused as well (the role may not connect): still not ready.
      expect(await probe(`${base}/health/ready`)).toEqual(down);
      // The process itself is fine: an orchestrator must not restart it for a database outage.
      expect(await probe(`${base}/health/live`)).toEqual({ status: 200, body: expect.objectContaining({ status: 'live', service: 'education' }) });
    } finally {
      await admin.query(`GRANT CONNECT ON DATABASE ${database} TO ${ROLE}`);
    }

    const back = await probeUntil(`${base}/health/ready`, (p) => p.status === 200, 10_000);
    expect(back).toEqual({ status: 200, body: expect.objectContaining({ status: 'ready', service: 'education' }) });
    expect(await probe(`${base}/health/live`)).toMatchObject({ status: 200 });
  });

  it('answer 503 ready (reason: timeout) within the probe timeout when the database hangs, never hang with it', async () => {
    const pool = (t.hub.subgraphs.education.dataSource.driver as unknown as { master: { options: { max: number } } }).master;
    // Every connection of the pool busy for longer than the probe waits: the probe's own query queues behind them.
    const busy = Array.from({ length: pool.options.max }, () => t.hub.subgraphs.education.dataSource.query('SELECT pg_sleep(6)'));
    try {
      // Had the probe waited for the database, it would have answered 200 once the sleeps ended.
      const hung = await probe(`${base}/health/ready`);
      expect(hung).toEqual({ status: 503, body: { status: 'not-ready', service: 'education', failing: ['database'], reason: 'timeout' } });
    } finally {
      await Promise.allSettled(busy);
    }
    expect(await probe(`${base}/health/ready`)).toMatchObject({ status: 200 });
  });
});
