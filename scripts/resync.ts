import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AgencySnapshot, appendResyncEvents, countRows, newestEvents, rebuild, snapshotPages, SnapshotRecord, SnapshotTable } from '../subgraphs/common/agency/records.snapshot';
import { AgencySubgraphName } from '../subgraphs/common/config';
import { roleFor, roleUrl } from '../subgraphs/common/db/bootstrap';
import { createSubgraphDataSource } from '../subgraphs/common/db/data-source';
import { educationSnapshot } from '../subgraphs/education/services/education.snapshot';
import { guardianshipSnapshot } from '../subgraphs/guardianship/services/guardianship.snapshot';
import { healthSnapshot } from '../subgraphs/health/services/health.snapshot';
import { policeSnapshot } from '../subgraphs/police/services/police.snapshot';
import { socialSnapshot } from '../subgraphs/social/services/social.snapshot';
import { Compared, differingKeys, ExtraRecord, ResyncService } from '../subgraphs/bank/sync/resync.service';
import { devRolePassword } from './hub';
import { progressBar } from './seed/seed';

/**
 * The resync: rebuilds, from the agencies' own tables, what the data bank's register of agency
 * records (bank.agency_record) should hold, and reports every difference:
 *
 *   MISSING    the bank lacks a record the agency has (an event lost, or rows written without
 *              events: the bulk seeder, a restore of the agency's database);
 *   DIFFERENT  the bank holds another state (compared as jsonb);
 *   EXTRA      the bank holds a record no agency row accounts for: never deleted here (agencies
 *              never delete), an anomaly for a person to look at;
 *   IN FLIGHT  not a difference: the agency's newest event of the record has not reached the bank yet.
 *
 * Each agency is read with its own role, a page (5,000 rows) at a time, and its records are built
 * with the builders its services write their events with (services/<agency>.snapshot.ts); the bank
 * is read with the bank's role. With `repair`, every MISSING or DIFFERENT record gets a fresh
 * `<Aggregate>Resynced` event in its agency's own outbox (the row read again under a share lock,
 * one transaction per page), and the ordinary relay delivers it exactly once.
 *
 *   npm run resync -- [--repair] [--source police[,social]] [--json report.json] [--page-size 5000]
 *
 * DATABASE_URL is an administrator URL, as for `npm run seed`: each role's URL is derived from it
 * with the development passwords (or <NAME>_DB_PASSWORD), unless <NAME>_DATABASE_URL gives it.
 * Exit code 0: no difference (or all repaired); 2: differences left (found without --repair, or
 * EXTRA records, which no repair removes); 1: the run failed.
 */

export const AGENCY_SNAPSHOTS: Record<AgencySubgraphName, AgencySnapshot> = {
  education: educationSnapshot,
  health: healthSnapshot,
  police: policeSnapshot,
  social: socialSnapshot,
  guardianship: guardianshipSnapshot,
};

export const RESYNC_SOURCES = Object.keys(AGENCY_SNAPSHOTS) as AgencySubgraphName[];

export interface ResyncOptions {
  /** The bank's data source (its own role). */
  bank: DataSource;
  /** Each agency's data source (its own role), with the entities of its snapshot (the subgraph's own data source has them). */
  agencies: Partial<Record<AgencySubgraphName, DataSource>>;
  /** Default: every agency given in `agencies`. */
  sources?: readonly AgencySubgraphName[];
  repair?: boolean;
  /** Rows per page (and per repair transaction). Default 5000. */
  pageSize?: number;
  /** Records listed per kind and source in the report (all are counted). Default 1000. */
  listLimit?: number;
  /** A progress callback per source: (rows read, rows in all its tables). */
  progress?: (source: AgencySubgraphName) => ((done: number, total: number) => void) | undefined;
  log?: (line: string) => void;
}

export interface DifferentRecord {
  aggregateType: string;
  aggregateId: string;
  childId: string | null;
  /** Payload keys whose values differ ('(envelope)': aggregate type, child or family). */
  keys: string[];
  expected: Record<string, unknown>;
  held: Record<string, unknown> | null;
  heldPosition: string | null;
}

export interface SourceReport {
  source: AgencySubgraphName;
  /** Rows read per table. */
  rows: Record<string, number>;
  /** Records compared: same + missing + different + inFlight + unchecked. */
  records: number;
  same: number;
  missing: number;
  different: number;
  extra: number;
  inFlight: number;
  /** Held by the bank, state not rebuildable from the row (a registration closed since): accepted. */
  unchecked: number;
  /** Resync events written to the source's outbox. */
  repaired: number;
  seconds: number;
  recordsPerSecond: number;
  listed: { missing: Array<{ aggregateType: string; aggregateId: string; childId: string | null }>; different: DifferentRecord[]; extra: ExtraRecord[] };
}

export interface ResyncReport {
  startedAt: string;
  finishedAt: string;
  seconds: number;
  repair: boolean;
  pageSize: number;
  sources: SourceReport[];
  totals: { records: number; same: number; missing: number; different: number; extra: number; inFlight: number; unchecked: number; repaired: number };
  /** Differences left after this run: missing + different unless repaired, plus extra. */
  differencesLeft: number;
  /** 0 no difference left, 2 differences left. */
  exitCode: 0 | 2;
}

async function resyncSource(
  service: ResyncService,
  snapshot: AgencySnapshot,
  agency: DataSource,
  options: { repair: boolean; pageSize: number; listLimit: number; startedAt: string; progress?: (done: number, total: number) => void },
): Promise<SourceReport> {
  const started = Date.now();
  const source = snapshot.source;
  const report: SourceReport = {
    source,
    rows: {},
    records: 0,
    same: 0,
    missing: 0,
    different: 0,
    extra: 0,
    inFlight: 0,
    unchecked: 0,
    repaired: 0,
    seconds: 0,
    recordsPerSecond: 0,
    listed: { missing: [], different: [], extra: [] },
  };
  let total = 0;
  for (const table of snapshot.tables) total += await countRows(agency, table);
  // Every aggregate id read from the source (300k uuids at region scale: some tens of MB).
  const seen = new Set<string>();
  let done = 0;
  options.progress?.(0, total);
  for (const table of snapshot.tables) {
    report.rows[table.table] = 0;
    for await (const page of snapshotPages(agency, table, options.pageSize)) {
      for (const record of page.records) seen.add(record.aggregateId);
      const compared = await service.compare(source, page.records);
      const differing = await notInFlight(service, agency, page.records, compared, report);
      for (const [i, c] of compared.entries()) {
        const record = page.records[i];
        if (c.status === 'SAME') report.same++;
        else if (c.status === 'UNCHECKED') report.unchecked++;
        else if (c.status === 'NONE' || !differing.has(i)) continue;
        else if (c.status === 'MISSING') {
          report.missing++;
          if (report.listed.missing.length < options.listLimit) report.listed.missing.push({ aggregateType: record.aggregateType, aggregateId: record.aggregateId, childId: record.childId });
        } else {
          report.different++;
          if (report.listed.different.length < options.listLimit) report.listed.different.push(describeDifferent(record, c));
        }
      }
      report.records += compared.filter((c) => c.status !== 'NONE').length;
      if (options.repair && differing.size > 0)
        report.repaired += await repairPage(
          agency,
          table,
          [...differing].map((i) => page.records[i]),
        );
      report.rows[table.table] += page.rows;
      done += page.rows;
      // A table that grew since the count: the bar stops at 100%.
      options.progress?.(Math.min(done, total), total);
    }
  }
  options.progress?.(total, total);
  const extras = await service.extras(source, seen, options.startedAt, options.listLimit);
  report.extra = extras.count;
  report.listed.extra = extras.listed;
  report.seconds = (Date.now() - started) / 1000;
  report.recordsPerSecond = report.seconds > 0 ? Math.round(report.records / report.seconds) : report.records;
  return report;
}

/**
 * The indexes of MISSING and DIFFERENT records that are real differences: a record whose newest
 * outbox event the bank has not received yet is on its way (counted in flight, not repaired).
 */
async function notInFlight(service: ResyncService, agency: DataSource, records: readonly SnapshotRecord[], compared: readonly Compared[], report: SourceReport): Promise<Set<number>> {
  const candidates = [...compared.keys()].filter((i) => compared[i].status === 'MISSING' || compared[i].status === 'DIFFERENT');
  if (candidates.length === 0) return new Set();
  const newest = await newestEvents(
    agency,
    candidates.map((i) => records[i].aggregateId),
  );
  const received = await service.received([...newest.values()]);
  const differing = new Set<number>();
  for (const i of candidates) {
    const event = newest.get(records[i].aggregateId);
    if (event && !received.has(event)) report.inFlight++;
    else differing.add(i);
  }
  return differing;
}

function describeDifferent(record: SnapshotRecord, compared: Compared): DifferentRecord {
  return {
    aggregateType: record.aggregateType,
    aggregateId: record.aggregateId,
    childId: record.childId,
    keys: differingKeys(record.payload!, compared.held),
    expected: record.payload!,
    held: compared.held ?? null,
    heldPosition: compared.position ?? null,
  };
}

/**
 * One transaction in the agency's own database: the rows of the differing records read again
 * under a share lock and rebuilt, and a Resynced event appended for each record that still exists
 * (a row changed meanwhile gives its state of now; a change after our commit comes after our event).
 */
async function repairPage(agency: DataSource, table: SnapshotTable, records: readonly SnapshotRecord[]): Promise<number> {
  const wanted = new Set(records.map((r) => r.aggregateId));
  const keys = [...new Set(records.map((r) => r.rowKey))];
  return agency.transaction(async (em) => {
    const rebuilt = (await rebuild(em, table, keys)).filter((r) => wanted.has(r.aggregateId) && r.payload !== null);
    return appendResyncEvents(em, rebuilt);
  });
}

/** Runs the resync over the given sources, one after the other. */
export async function resync(options: ResyncOptions): Promise<ResyncReport> {
  const startedAtMs = Date.now();
  const service = new ResyncService(options.bank);
  const startedAt = await service.now();
  const sources = options.sources ?? RESYNC_SOURCES.filter((s) => options.agencies[s]);
  const repair = options.repair ?? false;
  const pageSize = options.pageSize ?? 5000;
  const reports: SourceReport[] = [];
  for (const source of sources) {
    const agency = options.agencies[source];
    if (!agency) throw new Error(`resync: no data source for ${source}`);
    const report = await resyncSource(service, AGENCY_SNAPSHOTS[source], agency, {
      repair,
      pageSize,
      listLimit: options.listLimit ?? 1000,
      startedAt,
      progress: options.progress?.(source),
    });
    options.log?.(
      `${source}: ${report.records} records in ${report.seconds.toFixed(1)} s (${report.recordsPerSecond} records/s): ` +
        `${report.missing} missing, ${report.different} different, ${report.extra} extra${repair ? `, ${report.repaired} resync events written` : ''}`,
    );
    reports.push(report);
  }
  const sum = (key: keyof ResyncReport['totals']) => reports.reduce((s, r) => s + r[key], 0);
  const totals = {
    records: sum('records'),
    same: sum('same'),
    missing: sum('missing'),
    different: sum('different'),
    extra: sum('extra'),
    inFlight: sum('inFlight'),
    unchecked: sum('unchecked'),
    repaired: sum('repaired'),
  };
  const differencesLeft = (repair ? 0 : totals.missing + totals.different) + totals.extra;
  return {
    startedAt: new Date(startedAtMs).toISOString(),
    finishedAt: new Date().toISOString(),
    seconds: (Date.now() - startedAtMs) / 1000,
    repair,
    pageSize,
    sources: reports,
    totals,
    differencesLeft,
    exitCode: differencesLeft === 0 ? 0 : 2,
  };
}

/** The summary as a text table: source, records, same, missing, different, extra (and in flight, unchecked, repaired). */
export function formatResyncTable(report: ResyncReport): string {
  const header = ['source', 'records', 'same', 'missing', 'different', 'extra', 'in flight', 'unchecked', ...(report.repair ? ['repaired'] : []), 'records/s'];
  const line = (name: string, r: ResyncReport['totals'] & { recordsPerSecond?: number }) => [
    name,
    ...[r.records, r.same, r.missing, r.different, r.extra, r.inFlight, r.unchecked, ...(report.repair ? [r.repaired] : [])].map(String),
    r.recordsPerSecond === undefined ? '' : String(r.recordsPerSecond),
  ];
  const rows = [
    header,
    ...report.sources.map((s) => line(s.source, s)),
    line('total', { ...report.totals, recordsPerSecond: report.seconds > 0 ? Math.round(report.totals.records / report.seconds) : undefined }),
  ];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}

/** The agency's entities for a data source of its own (the CLI's): what its snapshot reads. */
export function resyncDataSource(source: AgencySubgraphName | 'bank', url: string): DataSource {
  return createSubgraphDataSource({
    schema: source,
    url,
    entities: source === 'bank' ? [] : AGENCY_SNAPSHOTS[source].entities,
    migrations: [],
    poolSize: 3,
    applicationName: `hub-resync-${source}`,
  }).dataSource;
}

/* ----------------------------------------------------------------------------- command line */

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const admin = process.env.DATABASE_URL;
  const urlOf = (name: AgencySubgraphName | 'bank') => {
    const explicit = process.env[`${name.toUpperCase()}_DATABASE_URL`];
    if (explicit) return explicit;
    if (!admin) throw new Error(`DATABASE_URL (an administrator connection) or ${name.toUpperCase()}_DATABASE_URL is required`);
    return roleUrl(admin, roleFor(name, process.env[`${name.toUpperCase()}_DB_PASSWORD`] ?? devRolePassword(name)));
  };
  const requested = flag('source');
  const sources = requested ? requested.split(',').map((s) => s.trim()) : RESYNC_SOURCES;
  for (const s of sources) if (!RESYNC_SOURCES.includes(s as AgencySubgraphName)) throw new Error(`--source ${s}: expected one of ${RESYNC_SOURCES.join(', ')}`);
  const repair = process.argv.includes('--repair');
  const jsonPath = flag('json');
  const pageSize = Number(flag('page-size') ?? 5000);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error('--page-size: a positive integer');

  const bank = resyncDataSource('bank', urlOf('bank'));
  const agencies: Partial<Record<AgencySubgraphName, DataSource>> = {};
  for (const s of sources as AgencySubgraphName[]) agencies[s] = resyncDataSource(s, urlOf(s));
  const all = [bank, ...Object.values(agencies)];
  try {
    for (const ds of all) await ds.initialize();
    const report = await resync({
      bank,
      agencies,
      sources: sources as AgencySubgraphName[],
      repair,
      pageSize,
      progress: (source) => progressBar(`resync ${source.padEnd(12)}`),
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`${formatResyncTable(report)}\n`);
    if (repair && report.totals.repaired > 0) process.stdout.write(`${report.totals.repaired} resync events written to the agencies' outboxes: the relays deliver them to the bank.\n`);
    if (report.totals.extra > 0) process.stdout.write(`${report.totals.extra} EXTRA records in the bank (no agency row): listed in the report, never deleted.\n`);
    if (jsonPath) {
      writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(`Report: ${jsonPath}\n`);
    }
    process.exitCode = report.exitCode;
  } finally {
    for (const ds of all) if (ds.isInitialized) await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`resync: ${error.message}\n`);
    process.exit(1);
  });
}
