import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Principal } from '../auth/principal';
import { agencySystemPrincipal } from '../scripts/agency-system-principal';
import { registerSyntheticChildren } from '../scripts/synthetic-children';
import { loadIndicatorCatalogue } from '../schema/catalogue/indicator.catalogue';
import { MeasureService } from '../subgraphs/common/agency/measure.service';
import { SignalService } from '../subgraphs/common/agency/signal.service';
import { findNatsServerBinary, NatsServer, startNatsServer } from '../scripts/nats-server';
import { startSyncRuntime, SyncRuntime } from '../scripts/sync-runtime';
import { DEV_PSEUDONYM_KEY } from '../scripts/hub';
import { benchDatabase, benchHub, describeMachine, flag, log, machine, numberFlag, updateReport, waitUntil, writeResult } from './support';

/**
 * Sync lag at a steady rate: `npm run bench:sync -- [--rate 200] [--seconds 30] [--warmup 3] [--transport inprocess|nats]`.
 *
 * Agencies write through their own services (row and event in one transaction, as the resolvers
 * do), paced open-loop at --rate events per second for --seconds: a new write starts on schedule
 * whether or not earlier ones finished (up to 256 at a time). The first --warmup seconds (first
 * queries, JIT, pools filling) are written the same way and reported apart. Every write is one
 * event: a signal reported, a measure recorded, a measure reported done, in turn, over the five
 * agencies. The
 * relays take them to the bank, in-process (the hub's own relays) or through a private nats-server
 * (relays publishing to JetStream, the bank's durable consumer applying them, as the sync worker
 * runs with HUB_EVENT_TRANSPORT=nats).
 *
 * Lag per event = bank.inbox.applied_at - outbox.occurred_at, both read from the database's clock
 * (one server: no clock skew): from the row's insert in the agency's transaction to the commit of
 * the bank's. Results: bench/results/sync-lag-<transport>.json and a section of bench/REPORT.md.
 */

const AGENCIES = ['education', 'health', 'police', 'social', 'guardianship'] as const;
type Agency = (typeof AGENCIES)[number];

const MAX_IN_FLIGHT = 256;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const rate = numberFlag('rate', 200);
  const seconds = numberFlag('seconds', 30);
  const transport = flag('transport', 'inprocess');
  if (transport !== 'inprocess' && transport !== 'nats') throw new Error(`--transport ${transport}: inprocess or nats`);
  const warmup = Number(flag('warmup', '3'));
  if (!Number.isFinite(warmup) || warmup < 0) throw new Error('--warmup: seconds, 0 or more');
  const total = Math.round(rate * (warmup + seconds));

  log(`sync-lag: ${rate} events/s for ${warmup} s of warm-up and ${seconds} s measured (${total} events), transport ${transport}`);
  const database = await benchDatabase();
  let nats: NatsServer | null = null;
  let runtime: SyncRuntime | null = null;
  const bench = await benchHub(database.adminUrl, transport === 'inprocess' ? { pollMs: 1000, batchSize: 500 } : false);
  const admin = new Client({ connectionString: database.adminUrl });
  await admin.connect();
  try {
    const { hub } = bench;
    let natsVersion: string | null = null;
    if (transport === 'nats') {
      nats = await startNatsServer();
      const binary = findNatsServerBinary();
      natsVersion = binary
        ? spawnSync(binary, ['--version'], { encoding: 'utf8' })
            .stdout.trim()
            .replace(/^nats-server:\s*/, '') || null
        : null;
      runtime = await startSyncRuntime({
        bank: hub.subgraphs.bank.dataSource,
        sources: AGENCIES.map((name) => ({ name, databaseUrl: hub.roleUrls[name] })),
        config: { transport: 'nats', natsUrl: nats.url, stream: 'HUB_EVENTS', pollMs: 1000, batchSize: 500, regionalPush: null, webhooks: {} },
        pseudonymKey: DEV_PSEUDONYM_KEY,
        onError: (where, error) => log(`${where}: ${error instanceof Error ? error.message : String(error)}`),
      });
    }

    const catalogue = loadIndicatorCatalogue();
    const services = Object.fromEntries(
      AGENCIES.map((a) => [
        a,
        { signals: new SignalService(hub.subgraphs[a].dataSource, a, catalogue), measures: new MeasureService(hub.subgraphs[a].dataSource, a), principal: agencySystemPrincipal(a) },
      ]),
    ) as Record<Agency, { signals: SignalService; measures: MeasureService; principal: Principal }>;
    // Agencies refuse records about children the bank does not know: register them first.
    const children = await registerSyntheticChildren(hub.subgraphs.bank.dataSource, 1000);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const recorded: Array<{ agency: Agency; id: string }> = [];
    const kinds = { signal: 0, measureRecorded: 0, measureDone: 0 };

    const write = async (i: number): Promise<void> => {
      const agency = AGENCIES[i % AGENCIES.length];
      const s = services[agency];
      const childId = children[i % children.length];
      const turn = Math.floor(i / AGENCIES.length) % 3;
      if (turn === 1) {
        const measure = await s.measures.record(s.principal, {
          idempotencyKey: `bench-${randomUUID()}`,
          childId,
          title: 'Индивидуальная профилактическая беседа',
          kind: 'PREVENTIVE_TALK',
          dueDate: '2026-12-01',
          executor: { name: 'Петрова Мария Сергеевна', organisation: 'МБОУ СОШ № 1' },
        } as never);
        recorded.push({ agency, id: measure.id });
        kinds.measureRecorded++;
        return;
      }
      const done = turn === 2 ? recorded.findIndex((m) => m.agency === agency) : -1;
      if (done >= 0) {
        const [measure] = recorded.splice(done, 1);
        await s.measures.update({ id: measure.id, doneDate: yesterday, result: 'проведена' } as never);
        kinds.measureDone++;
        return;
      }
      await s.signals.report(s.principal, {
        idempotencyKey: `bench-${randomUUID()}`,
        childId,
        observedAt: new Date('2026-11-02T09:30:00+10:00'),
        reporter: { name: 'Петрова Мария Сергеевна', position: 'социальный педагог', organisation: 'МБОУ СОШ № 1' },
        sourceKind: 'EDUCATION',
        indicatorCodes: ['EDUCATION-L1-01'],
        urgency: 'ROUTINE',
        description: 'Ребёнок систематически пропускает занятия без уважительной причины',
      } as never);
      kinds.signal++;
    };

    // Open loop: write i starts at i / rate seconds, whatever the earlier ones are doing.
    let launched = 0;
    let inFlight = 0;
    let failures = 0;
    let firstError: unknown = null;
    let saturated = 0;
    const pending = new Set<Promise<void>>();
    const started = performance.now();
    let lastLog = started;
    while (launched < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      while (launched < due) {
        if (inFlight >= MAX_IN_FLIGHT) {
          saturated++;
          break;
        }
        const task = write(launched++)
          .catch((error) => {
            failures++;
            firstError ??= error;
          })
          .finally(() => {
            inFlight--;
            pending.delete(task);
          });
        inFlight++;
        pending.add(task);
      }
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`  ${launched}/${total} writes started, ${inFlight} in flight`);
      }
      await sleep(2);
    }
    await Promise.all(pending);
    const writeSeconds = (performance.now() - started) / 1000;
    if (failures) throw new Error(`${failures} writes failed: ${firstError instanceof Error ? firstError.message : String(firstError)}`);

    let written = 0;
    for (const a of AGENCIES) written += Number((await admin.query(`SELECT count(*) AS n FROM ${a}.outbox`)).rows[0].n);
    log(`  ${written} events written in ${writeSeconds.toFixed(1)} s; waiting for the bank`);
    await waitUntil(
      'every event in the bank inbox',
      async () => Number((await admin.query(`SELECT count(*) AS n FROM bank.inbox`)).rows[0].n),
      (n) => n >= written,
      180_000,
    );

    const outboxes = AGENCIES.map((a) => `SELECT event_id, occurred_at FROM ${a}.outbox`).join(' UNION ALL ');
    const lagSql = `
      WITH raw AS (
        SELECT extract(epoch FROM i.applied_at - o.occurred_at) * 1000 AS ms, o.occurred_at
          FROM bank.inbox i JOIN (${outboxes}) o USING (event_id)
      ), lag AS (SELECT raw.*, extract(epoch FROM occurred_at - min(occurred_at) OVER ()) AS t FROM raw)`;
    /** Lag figures of the events written from second `from` of the run on. */
    const statsFrom = async (from: number) => {
      const [row] = (
        await admin.query(
          `${lagSql}
           SELECT count(*)::int AS count,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
                  percentile_cont(0.9) WITHIN GROUP (ORDER BY ms) AS p90,
                  percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
                  max(ms) AS max, min(ms) AS min, avg(ms) AS mean,
                  extract(epoch FROM max(occurred_at) - min(occurred_at)) AS span
             FROM lag WHERE t >= $1`,
          [from],
        )
      ).rows;
      return {
        events: row.count as number,
        achievedRate: round(row.count / Number(row.span)),
        lagMs: { median: round(row.p50), p90: round(row.p90), p99: round(row.p99), max: round(row.max), min: round(row.min), mean: round(row.mean) },
      };
    };
    const round = (v: unknown, digits = 1) => Math.round(Number(v) * 10 ** digits) / 10 ** digits;
    const steady = await statsFrom(warmup);
    const all = await statsFrom(0);
    // Per second of the run: where a tail comes from (warm-up, a checkpoint, a vacuum...).
    const bySecond = (
      await admin.query(`${lagSql}
        SELECT floor(t)::int AS second, count(*)::int AS events,
               round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::numeric, 1)::float AS median, round(max(ms)::numeric, 1)::float AS max
          FROM lag GROUP BY 1 ORDER BY 1`)
    ).rows;
    const outcomes = Object.fromEntries((await admin.query(`SELECT outcome, count(*)::int AS n FROM bank.inbox GROUP BY 1`)).rows.map((r) => [r.outcome, r.n]));
    const host = await machine(database.adminUrl, database.kind);
    const result = {
      bench: 'sync-lag',
      at: new Date().toISOString(),
      transport,
      natsServer: natsVersion,
      requestedRate: rate,
      seconds,
      warmupSeconds: warmup,
      /** The events written after the warm-up: the headline figures. */
      ...steady,
      /** Every event of the run, the warm-up's included (first queries, JIT, pools filling). */
      includingWarmup: all,
      writes: kinds,
      writeSeconds: round(writeSeconds, 2),
      scheduleSaturated: saturated,
      inbox: outcomes,
      lagBySecond: bySecond,
      relay: { pollMs: 1000, batchSize: 500, wakeUp: transport === 'nats' ? 'LISTEN/NOTIFY; JetStream pull (no_wait + expires 5 s)' : 'LISTEN/NOTIFY' },
      machine: host,
    };
    const file = writeResult(`sync-lag-${transport}.json`, result);
    updateReport(
      `sync-lag-${transport}`,
      `## Sync lag, ${transport === 'nats' ? 'NATS JetStream' : 'in-process'} transport

\`npm run bench:sync -- --rate ${rate} --seconds ${seconds} --warmup ${warmup} --transport ${transport}\`, ${result.at.slice(0, 10)}.
${describeMachine(host)}${natsVersion ? `; nats-server ${natsVersion}` : ''}.

Agencies write through their services at a steady ${rate} events/s (open loop) for ${warmup} s of warm-up and
${seconds} s measured; lag is \`bank.inbox.applied_at - outbox.occurred_at\` (one database clock): from the
agency's insert to the bank's commit. Everything (PostgreSQL, the hub, the relays${transport === 'nats' ? ', nats-server' : ''} and the writers) shares the machine.

| events | achieved rate | median | p90 | p99 | max |
|---|---:|---:|---:|---:|---:|
| ${steady.events} (after warm-up) | ${steady.achievedRate}/s | ${steady.lagMs.median} ms | ${steady.lagMs.p90} ms | ${steady.lagMs.p99} ms | ${steady.lagMs.max} ms |
| ${all.events} (warm-up included) | ${all.achievedRate}/s | ${all.lagMs.median} ms | ${all.lagMs.p90} ms | ${all.lagMs.p99} ms | ${all.lagMs.max} ms |

Inbox outcomes: ${Object.entries(outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}. Raw: \`bench/results/sync-lag-${transport}.json\`.`,
    );
    process.stdout.write(`after warm-up ${JSON.stringify(steady.lagMs)} at ${steady.achievedRate}/s; warm-up included ${JSON.stringify(all.lagMs)} -> ${file}\n`);
  } finally {
    await admin.end().catch(() => undefined);
    await runtime?.stop().catch((e) => log(`runtime stop: ${e}`));
    await bench.stop().catch((e) => log(`hub stop: ${e}`));
    await nats?.stop().catch(() => undefined);
    await database.stop().catch((e) => log(`database stop: ${e}`));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`sync-lag: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
