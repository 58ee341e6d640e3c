/**
 * Writes the synthetic demo data (./generate.ts) into the hub's databases: the bank's rows
 * through the bank role's connection, each agency's rows through that agency's own role, the
 * way the subgraphs themselves are separated. Rows go in with `INSERT ... SELECT * FROM
 * unnest($1::uuid[], $2::text[], ...)`: one statement per table and chunk, arrays as parameters.
 *
 * The whole run is one transaction per connection, committed at the end: a failed run leaves
 * nothing behind. Run it into a fresh database: seeding the same seed twice fails on the
 * duplicate keys (and rolls back), and two different seeds in one database may collide on a
 * SNILS.
 */
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { roleFor, roleUrl } from '../../subgraphs/common/db/bootstrap';
import { DEFAULT_SEED, FamilyMemberRow, FamilyRow, MeasureRow, PersonRow, RegisterEntryRow, SchoolStatusRow, SEED_AGENCIES, SeedAgency, SeedBatch, SeedGenerator, SignalRow } from './generate';

export { DEFAULT_SEED, parseSeedSize, SEED_AGENCIES, SEED_SIZES, SeedGenerator, generateDemoData } from './generate';
export type { SeedAgency, SeedBatch, SeedSize } from './generate';

export type SeedSubgraph = 'bank' | SeedAgency;
export const SEED_SUBGRAPHS: readonly SeedSubgraph[] = ['bank', ...SEED_AGENCIES];

/** Each subgraph's own role connection string; an agency left out is skipped. */
export type SeedUrls = { bank: string } & Partial<Record<SeedAgency, string>>;

export interface SeedOptions {
  urls: SeedUrls;
  /** Number of children to create (their parents, guardians and records come with them). */
  children: number;
  /** Any safe integer; the same seed gives the same rows. Default 1. */
  seed?: number;
  /** Called with (children written so far, children in total) after every chunk. */
  onProgress?: (done: number, total: number) => void;
  /** Children per chunk (generated, then inserted, while the next one is generated). Default 2000. */
  chunkChildren?: number;
  /** Notices such as a skipped agency. Default: none (they are in the result's `skipped`). */
  log?: (message: string) => void;
}

export interface SeedResult {
  children: number;
  persons: number;
  families: number;
  signals: number;
  measures: number;
  schoolStatuses: number;
  registerEntries: number;
  /** Agencies whose tables do not exist (yet) or whose role cannot connect: nothing written there. */
  skipped: Array<{ subgraph: SeedAgency; reason: string }>;
  elapsedMs: number;
}

/** Role connection strings of all six subgraphs on the admin URL's server and database. */
export function seedUrlsFor(adminUrl: string, password: (name: SeedSubgraph) => string): Record<SeedSubgraph, string> {
  return Object.fromEntries(SEED_SUBGRAPHS.map((name) => [name, roleUrl(adminUrl, roleFor(name, password(name)))])) as Record<SeedSubgraph, string>;
}

/* ----------------------------------------------------------------------------- bulk insert */

interface Column<R> {
  name: string;
  /** PostgreSQL element type of the parameter array. */
  type: 'uuid' | 'text' | 'date' | 'timestamptz' | 'int' | 'boolean' | 'jsonb';
  value: (row: R) => unknown;
  /** The column is text[]: sent as comma-joined text, split back in SQL (unnest flattens 2-D arrays). */
  textArray?: boolean;
  /** Further columns that get the same value (updated_at = created_at). */
  alsoInto?: string[];
}

const STATEMENT_ROWS = 5000;

class BulkInsert<R> {
  private readonly sql: string;

  constructor(
    table: string,
    private readonly columns: Column<R>[],
  ) {
    const targets: string[] = [];
    const selects: string[] = [];
    columns.forEach((c, i) => {
      const expr = c.textArray ? `string_to_array(u.c${i}, ',')` : `u.c${i}`;
      for (const name of [c.name, ...(c.alsoInto ?? [])]) {
        targets.push(name);
        selects.push(expr);
      }
    });
    const params = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
    const aliases = columns.map((_, i) => `c${i}`).join(', ');
    this.sql = `INSERT INTO ${table} (${targets.join(', ')}) SELECT ${selects.join(', ')} FROM unnest(${params}) AS u(${aliases})`;
  }

  async run(client: Client, rows: readonly R[]): Promise<number> {
    let count = 0;
    for (let i = 0; i < rows.length; i += STATEMENT_ROWS) {
      const slice = rows.slice(i, i + STATEMENT_ROWS);
      const params = this.columns.map((c) => (c.textArray ? slice.map((r) => (c.value(r) as string[]).join(',')) : slice.map((r) => c.value(r))));
      const result = await client.query(this.sql, params);
      count += result.rowCount ?? 0;
    }
    return count;
  }
}

const q = (schema: string, table: string) => `"${schema}".${table}`;

const personInsert = new BulkInsert<PersonRow>(q('bank', 'person'), [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'snils', type: 'text', value: (r) => r.snils },
  { name: 'last_name', type: 'text', value: (r) => r.lastName },
  { name: 'first_name', type: 'text', value: (r) => r.firstName },
  { name: 'middle_name', type: 'text', value: (r) => r.middleName },
  { name: 'name_key', type: 'text', value: (r) => r.nameKey },
  { name: 'birth_date', type: 'date', value: (r) => r.birthDate },
  { name: 'sex', type: 'text', value: (r) => r.sex },
  { name: 'registered_address', type: 'text', value: (r) => r.registeredAddress },
  { name: 'actual_address', type: 'text', value: (r) => r.actualAddress },
  { name: 'municipality', type: 'text', value: (r) => r.municipality },
  { name: 'created_by', type: 'text', value: (r) => r.createdBy },
]);

const familyInsert = new BulkInsert<FamilyRow>(q('bank', 'family'), [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'municipality', type: 'text', value: (r) => r.municipality },
  { name: 'categories', type: 'text', value: (r) => r.categories, textArray: true },
  { name: 'registered_address', type: 'text', value: (r) => r.registeredAddress },
  { name: 'actual_address', type: 'text', value: (r) => r.actualAddress },
  { name: 'created_by', type: 'text', value: (r) => r.createdBy },
]);

const memberInsert = new BulkInsert<FamilyMemberRow>(q('bank', 'family_member'), [
  { name: 'family_id', type: 'uuid', value: (r) => r.familyId },
  { name: 'person_id', type: 'uuid', value: (r) => r.personId },
  { name: 'role', type: 'text', value: (r) => r.role },
]);

/**
 * The register takes an entry only by a KDN resolution recognising the SOP, and a removal only by
 * the closure of that case (a database rule). Historical entries therefore come with their case:
 * one per entry, loaded open, then closed and removed where the generated history says so.
 */
const historicalCaseId = (entry: RegisterEntryRow) => {
  const h = createHash('sha256').update(`kdn-case:${entry.id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const historicalCaseInsert = new BulkInsert<RegisterEntryRow>(q('bank', 'kdn_case'), [
  { name: 'id', type: 'uuid', value: (r) => historicalCaseId(r) },
  // 48 bits of the case's id: 32 collided within one municipality and year at 1,000,000 children.
  { name: 'number', type: 'text', value: (r) => `${r.municipality}-${r.includedOn.slice(0, 4)}-Б${historicalCaseId(r).replace('-', '').slice(0, 12)}` },
  { name: 'child_id', type: 'uuid', value: (r) => r.childId },
  { name: 'municipality', type: 'text', value: (r) => r.municipality },
  { name: 'state', type: 'text', value: () => 'IN_WORK' },
  { name: 'urgency', type: 'text', value: () => 'ROUTINE' },
  { name: 'received_on', type: 'date', value: (r) => r.includedOn },
  { name: 'source_kind', type: 'text', value: () => 'OTHER_ORGANISATION' },
  { name: 'summary', type: 'text', value: () => 'Дело из демонстрационной истории банка данных (вымышленные данные)' },
  {
    name: 'resolution',
    type: 'jsonb',
    value: (r) => JSON.stringify({ kind: 'SOP', number: r.basis, date: r.includedOn, curator: null, leadAgency: 'social', supportingAgencies: ['education'], termMonths: 12 }),
  },
  { name: 'created_by', type: 'text', value: () => 'seed' },
]);

const registerInsert = new BulkInsert<RegisterEntryRow>(q('bank', 'register_entry'), [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'family_id', type: 'uuid', value: (r) => r.familyId },
  { name: 'child_id', type: 'uuid', value: (r) => r.childId },
  { name: 'included_on', type: 'date', value: (r) => r.includedOn },
  { name: 'basis', type: 'text', value: (r) => r.basis },
  { name: 'case_id', type: 'uuid', value: (r) => historicalCaseId(r) },
]);

/** Closes the historical cases whose entries were removed, then removes the entries: the order the rule demands. */
async function removeHistoricalEntries(client: Client, rows: readonly RegisterEntryRow[]): Promise<void> {
  const removed = rows.filter((r) => r.removedOn);
  if (removed.length === 0) return;
  const ids = removed.map((r) => historicalCaseId(r));
  await client.query(
    `UPDATE ${q('bank', 'kdn_case')} c SET state = 'CLOSED', closed_on = u.day, closure_reason = CASE WHEN u.reason LIKE 'Переезд%' THEN 'MOVED_AWAY' ELSE 'PROGRAMME_DONE' END
     FROM unnest($1::uuid[], $2::date[], $3::text[]) AS u(id, day, reason) WHERE c.id = u.id`,
    [ids, removed.map((r) => r.removedOn), removed.map((r) => r.removalReason)],
  );
  await client.query(
    `UPDATE ${q('bank', 'register_entry')} e SET removed_on = u.day, removal_reason = u.reason, removal_basis = 'Постановление КДН о закрытии случая'
     FROM unnest($1::uuid[], $2::date[], $3::text[]) AS u(id, day, reason) WHERE e.id = u.id`,
    [removed.map((r) => r.id), removed.map((r) => r.removedOn), removed.map((r) => r.removalReason)],
  );
}

function signalInsert(schema: string) {
  return new BulkInsert<SignalRow>(q(schema, 'signal'), [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'child_id', type: 'uuid', value: (r) => r.childId },
    { name: 'family_id', type: 'uuid', value: (r) => r.familyId },
    { name: 'observed_at', type: 'timestamptz', value: (r) => r.observedAt },
    { name: 'reporter_name', type: 'text', value: (r) => r.reporterName },
    { name: 'reporter_position', type: 'text', value: (r) => r.reporterPosition },
    { name: 'reporter_organisation', type: 'text', value: (r) => r.reporterOrganisation },
    { name: 'source_kind', type: 'text', value: (r) => r.sourceKind },
    { name: 'indicator_codes', type: 'text', value: (r) => r.indicatorCodes, textArray: true },
    { name: 'urgency', type: 'text', value: (r) => r.urgency },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'description', type: 'text', value: (r) => r.description },
    { name: 'client_id', type: 'text', value: (r) => r.clientId },
    { name: 'created_by', type: 'text', value: (r) => r.createdBy },
    { name: 'idempotency_key', type: 'text', value: (r) => r.idempotencyKey },
    { name: 'request_hash', type: 'text', value: (r) => r.requestHash },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt, alsoInto: ['updated_at'] },
  ]);
}

function measureInsert(schema: string) {
  return new BulkInsert<MeasureRow>(q(schema, 'measure'), [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'child_id', type: 'uuid', value: (r) => r.childId },
    { name: 'family_id', type: 'uuid', value: (r) => r.familyId },
    { name: 'title', type: 'text', value: (r) => r.title },
    { name: 'kind', type: 'text', value: (r) => r.kind },
    { name: 'due_date', type: 'date', value: (r) => r.dueDate },
    { name: 'done_date', type: 'date', value: (r) => r.doneDate },
    { name: 'executor_name', type: 'text', value: (r) => r.executorName },
    { name: 'executor_organisation', type: 'text', value: (r) => r.executorOrganisation },
    { name: 'result', type: 'text', value: (r) => r.result },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'client_id', type: 'text', value: (r) => r.clientId },
    { name: 'created_by', type: 'text', value: (r) => r.createdBy },
    { name: 'idempotency_key', type: 'text', value: (r) => r.idempotencyKey },
    { name: 'request_hash', type: 'text', value: (r) => r.requestHash },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt, alsoInto: ['updated_at'] },
  ]);
}

const schoolStatusInsert = new BulkInsert<SchoolStatusRow>(q('education', 'school_status'), [
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'child_id', type: 'uuid', value: (r) => r.childId },
  { name: 'academic_year', type: 'text', value: (r) => r.academicYear },
  { name: 'school_name', type: 'text', value: (r) => r.schoolName },
  { name: 'class_name', type: 'text', value: (r) => r.className },
  { name: 'unexcused_absences', type: 'int', value: (r) => r.unexcusedAbsences },
  { name: 'failing_grades', type: 'int', value: (r) => r.failingGrades },
  { name: 'internal_register', type: 'boolean', value: (r) => r.internalRegister },
  { name: 'internal_register_since', type: 'date', value: (r) => r.internalRegisterSince },
  { name: 'internal_register_reason', type: 'text', value: (r) => r.internalRegisterReason },
  { name: 'updated_by', type: 'text', value: (r) => r.updatedBy },
]);

/* ----------------------------------------------------------------------------- connections */

/** Connection failures that mean "this agency's role is not set up here yet" rather than a broken server. */
const NOT_SET_UP = new Set(['28P01', '28000', '42501', '3D000']);

interface AgencyTarget {
  agency: SeedAgency;
  client: Client;
  signals: BulkInsert<SignalRow>;
  measures: BulkInsert<MeasureRow>;
  schoolStatus: boolean;
}

async function connect(url: string, name: SeedSubgraph): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: `hub-seed-${name}` });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}

async function openAgency(agency: SeedAgency, url: string | undefined): Promise<AgencyTarget | string> {
  if (!url) return 'no connection string given';
  let client: Client;
  try {
    client = await connect(url, agency);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code && NOT_SET_UP.has(code)) return `cannot connect as its role (${code}: ${(error as Error).message})`;
    throw error;
  }
  let rows: Array<{ signal: boolean; measure: boolean; school: boolean }>;
  try {
    ({ rows } = await client.query<{ signal: boolean; measure: boolean; school: boolean }>(
      `SELECT to_regclass($1) IS NOT NULL AS signal, to_regclass($2) IS NOT NULL AS measure, to_regclass($3) IS NOT NULL AS school`,
      [`"${agency}".signal`, `"${agency}".measure`, `"${agency}".school_status`],
    ));
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  if (!rows[0].signal || !rows[0].measure) {
    await client.end();
    return `schema "${agency}" has no signal/measure tables (subgraph not migrated yet)`;
  }
  return {
    agency,
    client,
    signals: signalInsert(agency),
    measures: measureInsert(agency),
    schoolStatus: agency === 'education' && rows[0].school,
  };
}

function explain(error: unknown): unknown {
  if ((error as { code?: string }).code === '23505') {
    const e = error as Error & { detail?: string; table?: string };
    return new Error(
      `seed: duplicate key in ${e.table ?? 'a table'} (${e.detail ?? e.message}). The database already holds rows of this seed ` +
        `(or a colliding SNILS): seed into a fresh database or use another --seed. Nothing was written.`,
      { cause: error },
    );
  }
  return error;
}

/* ----------------------------------------------------------------------------- the run */

/** Generates `children` children with their families and records and writes them through each subgraph's own role. */
export async function seedDemoData(options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const chunk = Math.max(1, options.chunkChildren ?? 2000);
  const generator = new SeedGenerator({ seed, children: options.children });
  const result: SeedResult = { children: 0, persons: 0, families: 0, signals: 0, measures: 0, schoolStatuses: 0, registerEntries: 0, skipped: [], elapsedMs: 0 };

  const bank = await connect(options.urls.bank, 'bank');
  const clients: Client[] = [bank];
  const agencies: AgencyTarget[] = [];
  try {
    for (const agency of SEED_AGENCIES) {
      const target = await openAgency(agency, options.urls[agency]);
      if (typeof target === 'string') {
        result.skipped.push({ subgraph: agency, reason: target });
        options.log?.(`seed: skipping ${agency}: ${target}`);
      } else {
        agencies.push(target);
        clients.push(target.client);
      }
    }
    for (const client of clients) await client.query('BEGIN');

    const insert = async (batch: SeedBatch): Promise<void> => {
      const signalsBy = groupBy(batch.signals);
      const measuresBy = groupBy(batch.measures);
      // `result.x += await ...` would read result.x before the await and lose the parallel tasks' counts.
      const counts = await Promise.all([
        (async () => {
          const persons = await personInsert.run(bank, batch.persons);
          const families = await familyInsert.run(bank, batch.families);
          await memberInsert.run(bank, batch.members);
          await historicalCaseInsert.run(bank, batch.registerEntries);
          const registerEntries = await registerInsert.run(bank, batch.registerEntries);
          await removeHistoricalEntries(bank, batch.registerEntries);
          return { persons, families, registerEntries, signals: 0, measures: 0, schoolStatuses: 0 };
        })(),
        ...agencies.map(async (target) => {
          const signals = await target.signals.run(target.client, signalsBy.get(target.agency) ?? []);
          const measures = await target.measures.run(target.client, measuresBy.get(target.agency) ?? []);
          const schoolStatuses = target.schoolStatus ? await schoolStatusInsert.run(target.client, batch.schoolStatuses) : 0;
          return { persons: 0, families: 0, registerEntries: 0, signals, measures, schoolStatuses };
        }),
      ]);
      for (const c of counts) {
        result.persons += c.persons;
        result.families += c.families;
        result.registerEntries += c.registerEntries;
        result.signals += c.signals;
        result.measures += c.measures;
        result.schoolStatuses += c.schoolStatuses;
      }
      result.children += batch.children;
      options.onProgress?.(result.children, options.children);
    };

    options.onProgress?.(0, options.children);
    // Generate chunk n+1 while chunk n is being written.
    let pending: Promise<void> | null = null;
    for (;;) {
      const batch = generator.next(chunk);
      if (pending) await pending;
      if (!batch) break;
      pending = insert(batch);
      pending.catch(() => undefined);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    for (const client of clients) await client.query('COMMIT');
  } catch (error) {
    await Promise.all(clients.map((c) => c.query('ROLLBACK').catch(() => undefined)));
    throw explain(error);
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
  result.elapsedMs = Date.now() - started;
  return result;
}

function groupBy<R extends { agency: SeedAgency }>(rows: readonly R[]): Map<SeedAgency, R[]> {
  const map = new Map<SeedAgency, R[]>();
  for (const row of rows) {
    const list = map.get(row.agency);
    if (list) list.push(row);
    else map.set(row.agency, [row]);
  }
  return map;
}

/* ----------------------------------------------------------------------------- progress */

/**
 * A progress callback for `onProgress`: on a terminal, one line redrawn with \r
 * ("label [#########...........] 45% 45000/100000 12.3s"); otherwise (CI logs, files) a line
 * at every further 10%.
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): (done: number, total: number) => void {
  const started = Date.now();
  const width = 30;
  let lastTenth = -1;
  let finished = false;
  return (done, total) => {
    if (finished) return;
    const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
    const percent = Math.floor(ratio * 100);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const complete = done >= total;
    if (stream.isTTY) {
      const filled = Math.round(ratio * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${done}/${total} ${seconds}s\x1b[K`);
      if (complete) stream.write('\n');
    } else {
      const tenth = Math.floor(ratio * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${label}: ${percent}% (${done}/${total}) ${seconds}s\n`);
      }
    }
    if (complete) finished = true;
  };
}
