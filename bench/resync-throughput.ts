import { Client } from 'pg';
import { devRolePassword } from '../scripts/hub';
import { formatResyncTable, resync, RESYNC_SOURCES, ResyncReport } from '../scripts/resync';
import { progressBar, seedDemoData, seedUrlsFor } from '../scripts/seed/seed';
import { benchDatabase, benchHub, describeMachine, log, machine, mib, numberFlag, rssSampler, updateReport, waitUntil, writeResult } from './support';

/**
 * Throughput of a full resync at region scale: `npm run bench:resync -- [--children 100000]`.
 *
 * A fresh hub (embedded PostgreSQL, in-process relays) is seeded with --children children by the
 * bulk seeder, which writes the agencies' rows without events; then:
 *   1. compare: the resync without repair (every record MISSING), timed, records/s, peak RSS;
 *   2. repair: the resync with repair (Resynced events into every outbox), timed; then the
 *      delivery: until every outbox is published and the bank's inbox holds them all;
 *   3. verify: a last compare, which must find no difference.
 * Results: bench/results/resync.json and a section of bench/REPORT.md. The process holds the whole
 * hub besides the resync, so its RSS is the hub's and the resync's together (the baseline is given).
 */

async function count(admin: Client, sql: string): Promise<number> {
  return Number((await admin.query(sql)).rows[0].n);
}

async function main(): Promise<void> {
  const children = Math.round(numberFlag('children', 100_000));
  log(`resync-throughput: ${children} children`);
  const database = await benchDatabase();
  const bench = await benchHub(database.adminUrl, { pollMs: 1000, batchSize: 500 });
  const admin = new Client({ connectionString: database.adminUrl });
  await admin.connect();
  try {
    const { hub } = bench;
    const seedStarted = Date.now();
    const seeded = await seedDemoData({ urls: seedUrlsFor(database.adminUrl, devRolePassword), children, seed: 1, onProgress: progressBar('seed') });
    const seedSeconds = (Date.now() - seedStarted) / 1000;
    log(`seeded in ${seedSeconds.toFixed(1)} s: ${JSON.stringify({ ...seeded, skipped: undefined })}`);
    await admin.query('VACUUM ANALYZE');

    const agencies = Object.fromEntries(RESYNC_SOURCES.map((name) => [name, hub.subgraphs[name].dataSource]));
    const run = (repair: boolean, label: string) => resync({ bank: hub.subgraphs.bank.dataSource, agencies, repair, progress: (source) => progressBar(`${label} ${source.padEnd(12)}`), log });

    if (global.gc) global.gc();
    const baselineRssMiB = mib(process.memoryUsage().rss);
    const compareMemory = rssSampler();
    const compare: ResyncReport = await run(false, 'compare');
    const compareMem = compareMemory.stop();
    log(formatResyncTable(compare));

    const repairMemory = rssSampler();
    const repairStarted = Date.now();
    const repair = await run(true, 'repair ');
    const repairPassSeconds = (Date.now() - repairStarted) / 1000;
    log(`repair pass: ${repair.totals.repaired} Resynced events written in ${repairPassSeconds.toFixed(1)} s; delivering`);
    const unpublished = () => count(admin, `SELECT ${RESYNC_SOURCES.map((a) => `(SELECT count(*) FROM ${a}.outbox WHERE published_at IS NULL)`).join(' + ')} AS n`);
    let lastLog = Date.now();
    await waitUntil(
      'every outbox published and every event in the inbox',
      async () => {
        const [left, inbox] = [await unpublished(), await count(admin, `SELECT count(*) AS n FROM bank.inbox`)];
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          log(`  delivery: ${inbox}/${repair.totals.repaired} in the bank inbox, ${left} unpublished, ${((Date.now() - repairStarted) / 1000).toFixed(0)} s`);
        }
        return { left, inbox };
      },
      (s) => s.left === 0 && s.inbox >= repair.totals.repaired,
      3_600_000,
      500,
    );
    const deliveredSeconds = (Date.now() - repairStarted) / 1000;
    const repairMem = repairMemory.stop();
    const rejected = await count(admin, `SELECT count(*) AS n FROM bank.inbox WHERE outcome <> 'APPLIED'`);

    const verify = await run(false, 'verify ');
    log(formatResyncTable(verify));
    if (verify.totals.missing + verify.totals.different + verify.totals.extra + verify.totals.inFlight > 0)
      throw new Error(`the resync after the repair still finds differences: ${JSON.stringify(verify.totals)}`);

    const host = await machine(database.adminUrl, database.kind);
    const perSecond = (n: number, s: number) => Math.round(n / s);
    const result = {
      bench: 'resync',
      at: new Date().toISOString(),
      children,
      seeded: { ...seeded, skipped: undefined, seconds: Math.round(seedSeconds * 10) / 10 },
      pageSize: compare.pageSize,
      compare: {
        records: compare.totals.records,
        seconds: Math.round(compare.seconds * 10) / 10,
        recordsPerSecond: perSecond(compare.totals.records, compare.seconds),
        missing: compare.totals.missing,
        perSource: compare.sources.map((s) => ({ source: s.source, rows: s.rows, records: s.records, seconds: Math.round(s.seconds * 10) / 10, recordsPerSecond: s.recordsPerSecond })),
        memory: { baselineRssMiB, ...compareMem },
      },
      repair: {
        events: repair.totals.repaired,
        passSeconds: Math.round(repairPassSeconds * 10) / 10,
        deliveredSeconds: Math.round(deliveredSeconds * 10) / 10,
        deliveredEventsPerSecond: perSecond(repair.totals.repaired, deliveredSeconds),
        notApplied: rejected,
        memory: repairMem,
      },
      verify: { records: verify.totals.records, same: verify.totals.same, seconds: Math.round(verify.seconds * 10) / 10, recordsPerSecond: perSecond(verify.totals.records, verify.seconds) },
      relay: { transport: 'inprocess', pollMs: 1000, batchSize: 500 },
      machine: host,
    };
    const file = writeResult('resync.json', result);
    updateReport(
      'resync',
      `## Full resync, ${children.toLocaleString('en-US')} children

\`npm run bench:resync -- --children ${children}\`, ${result.at.slice(0, 10)}.
${describeMachine(host)}.

The bulk seeder wrote ${compare.totals.records.toLocaleString('en-US')} agency records without events (${result.seeded.signals} signals,
${result.seeded.measures} measures, ${result.seeded.schoolStatuses} school statuses) in ${result.seeded.seconds} s; the bank held none of them.
Pages of ${result.pageSize} rows, each agency read with its own role, the bank with its own; one process
holds the hub and the resync (RSS is of both; ${baselineRssMiB} MiB before the compare).

| step | records | time | rate | peak RSS |
|---|---:|---:|---:|---:|
| compare (all MISSING) | ${result.compare.records} | ${result.compare.seconds} s | ${result.compare.recordsPerSecond} records/s | ${compareMem.peakRssMiB} MiB |
| repair pass (Resynced events into the outboxes) | ${result.repair.events} | ${result.repair.passSeconds} s | ${perSecond(result.repair.events, result.repair.passSeconds)} records/s | ${repairMem.peakRssMiB} MiB |
| repair delivered (outboxes published, bank inbox complete) | ${result.repair.events} | ${result.repair.deliveredSeconds} s | ${result.repair.deliveredEventsPerSecond} events/s | |
| compare again (all SAME) | ${result.verify.records} | ${result.verify.seconds} s | ${result.verify.recordsPerSecond} records/s | |

Per source (compare): ${result.compare.perSource.map((s) => `${s.source} ${s.records} in ${s.seconds} s`).join('; ')}.
Delivery is the in-process relays (batches of 500) and the bank's applier, timed from the start of the
repair pass. Raw: \`bench/results/resync.json\`.`,
    );
    process.stdout.write(
      `compare ${result.compare.recordsPerSecond} records/s (${result.compare.records} in ${result.compare.seconds} s), delivered in ${result.repair.deliveredSeconds} s -> ${file}\n`,
    );
  } finally {
    await admin.end().catch(() => undefined);
    await bench.stop().catch((e) => log(`hub stop: ${e}`));
    await database.stop().catch((e) => log(`database stop: ${e}`));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`resync-throughput: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
