import { ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { isDeepStrictEqual } from 'node:util';
import { repoRoot } from '../scripts/repo-root';
import { HUB_NODE_FLAGS } from '../scripts/node-flags';
import { devRolePassword } from '../scripts/hub';
import { createDatabase, dropDatabase, roleFor, roleUrl } from '../subgraphs/common/db/bootstrap';
import { startHiveGateway } from './routers/hive-gateway';
import { benchDatabase, caseViewOperation, describeMachine, flag, log, machine, numberFlag, resultsDir, updateReport, writeResult } from './support';
import { Baseline, prepareBaseline } from './baseline';

/**
 * The portal's safelisted case view under load: `npm run bench:case-view -- [--seconds 10] [--rounds 2]`.
 *
 * One database, one hub process (`npm start`'s topology: six subgraphs and our gateway), and over
 * the same subgraphs: our gateway as a process of its own (docker-compose's topology), stock
 * @apollo/gateway, Hive Gateway with the JS and with the Rust planner, and the lower bound
 * (bench/lower-bound-server.ts). Every target first answers once and is compared with the hub's
 * answer. Then, in alternating rounds, 50 connections for --seconds each; one connection (p50 of a
 * single client); 200 connections (what overload looks like: 200, 503, 429, 200 with errors).
 * CPU per view: user+system time of every process serving the target (the hub, the router, the
 * database server and its backends) over the round, from /proc, divided by the complete views.
 */
// The portal sends the one operation, as registered in the safelist.
export const OPERATION = caseViewOperation();
const TICK_MS = 10; // USER_HZ is 100 on Linux.

/** Our processes run with the hub's V8 flags, as npm start and the production image run them. */
export const HUB_PROCESS_ENV = { NODE_OPTIONS: HUB_NODE_FLAGS.join(' ') };

const stopOnSignal: Array<() => Promise<unknown>> = [];

export interface HubInfo {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  issuer: string;
  registryUrl: string;
  tokenEndpoint: string;
  token: string;
  childId: string;
}

export interface Target {
  name: string;
  url: string;
  /** Processes besides the database that serve this target. */
  pids: number[];
  stop(): Promise<void>;
  /** A hub of its own (the baseline): its child, token and `CaseView` document instead of the bench hub's. */
  own?: { hub: HubInfo; operation: string };
}

/** Runs a node script and waits for its first JSON line on stdout. */
export async function startProcess<T>(script: string, args: string[], env: Record<string, string> = {}, marker = '{"url"', cwd = repoRoot()): Promise<{ child: ChildProcess; info: T }> {
  const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-3000)));
  const info = await new Promise<T>((resolve, reject) => {
    let out = '';
    let found = false;
    // Read to the end even after the line: a child blocked on a full pipe would stall its server.
    child.stdout!.on('data', (c: Buffer) => {
      if (found) return;
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith(marker));
      if (line) {
        found = true;
        resolve(JSON.parse(line) as T);
      }
    });
    child.once('exit', (code) => reject(new Error(`${path.basename(script)} exited with ${code}: ${stderr}`)));
  });
  return { child, info };
}

export const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

function procTicks(pid: number, withChildren: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11..14] = utime, stime, cutime, cstime (stat fields 14..17)
    return Number(fields[11]) + Number(fields[12]) + (withChildren ? Number(fields[13]) + Number(fields[14]) : 0);
  } catch {
    return 0;
  }
}

/** The database server: its postmaster (with reaped children) and its live backends. */
export function postgresTicks(postmaster: number | null): number {
  if (!postmaster) return 0;
  let total = procTicks(postmaster, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += procTicks(Number(entry), false);
    } catch {
      // gone between the listing and the read
    }
  }
  return total;
}

/**
 * Waits until the target's processes and the database are nearly idle (under 10% of a core over
 * half a second, at most 60 s): requests a previous round left in flight must not be billed here.
 */
export async function settle(pids: number[], postmaster: number | null): Promise<void> {
  const ticks = () => pids.reduce((sum, pid) => sum + procTicks(pid, false), 0) + postgresTicks(postmaster);
  for (let i = 0; i < 120; i++) {
    const before = ticks();
    await new Promise((r) => setTimeout(r, 500));
    if (ticks() - before < 5) return;
  }
}

export interface RoundResult {
  target: string;
  connections: number;
  seconds: number;
  views: number;
  viewsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  status: Record<string, number>;
  okWithErrors: number;
  /** The first answer of each kind that was not a complete view (200 with errors, 503, ...), cut short. */
  samples: Record<string, string>;
  cpuMsPerView: { total: number; serving: number; database: number } | null;
}

/** A fresh token for every round: the identity provider's tokens outlive a round, not a whole run. */
async function refreshToken(hub: HubInfo): Promise<void> {
  const response = await fetch(hub.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'kdn-portal', username: 'secretary.vlk', password: 'demo' }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`token endpoint answered ${response.status}`);
  hub.token = body.access_token;
}

export async function load(target: Target, benchHub: HubInfo, connections: number, seconds: number, postmaster: number | null): Promise<RoundResult> {
  const hub = target.own?.hub ?? benchHub;
  const operation = target.own?.operation ?? OPERATION;
  await refreshToken(hub);
  let okWithErrors = 0;
  let ok = 0;
  const samples: Record<string, string> = {};
  await settle(target.pids, postmaster);
  const status: Record<string, number> = {};
  const before = { serving: target.pids.reduce((s, p) => s + procTicks(p, false), 0), database: postgresTicks(postmaster) };
  let serial = 0;
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.token}`, 'x-hub-purpose': 'INDIVIDUAL_PREVENTION' },
    body: JSON.stringify({ query: operation, operationName: 'CaseView', variables: { id: hub.childId } }),
    timeout: 30,
    requests: [
      {
        // A request id of its own per view, as every real request has: Hive Gateway shares one execution
        // among identical in-flight requests (headers included), which one child viewed by one user
        // over and over would turn into a cache no portal enjoys.
        setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'x-request-id': `bench-${target.pids.at(-1)}-${++serial}` } }),
        onResponse: (code: number, body: string) => {
          status[code] = (status[code] ?? 0) + 1;
          const complete = code === 200 && !body.includes('"errors"');
          if (complete) ok++;
          else if (code === 200) okWithErrors++;
          const kind = code === 200 ? '200 with errors' : String(code);
          if (!complete && !samples[kind]) samples[kind] = body.slice(0, 400);
        },
      },
    ],
  });
  const after = { serving: target.pids.reduce((s, p) => s + procTicks(p, false), 0), database: postgresTicks(postmaster) };
  if (result.errors + result.timeouts > 0) status.socketErrorsOrTimeouts = result.errors + result.timeouts;
  const perView = (ticks: number) => (ok > 0 ? Math.round(((ticks * TICK_MS) / ok) * 100) / 100 : 0);
  const serving = after.serving - before.serving;
  const database = after.database - before.database;
  return {
    target: target.name,
    connections,
    seconds,
    views: ok,
    viewsPerSecond: Math.round((ok / seconds) * 10) / 10,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    status,
    okWithErrors,
    samples,
    cpuMsPerView: { total: perView(serving + database), serving: perView(serving), database: perView(database) },
  };
}

async function answerOf(url: string, hub: HubInfo): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.token}`, 'x-hub-purpose': 'INDIVIDUAL_PREVENTION' },
    body: JSON.stringify({ query: OPERATION, operationName: 'CaseView', variables: { id: hub.childId } }),
  });
  return { status: response.status, body: await response.json() };
}

/** Where two JSON values differ, as paths (the first few). */
function differences(a: unknown, b: unknown, at = '', found: string[] = []): string[] {
  if (found.length >= 10) return found;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`, found);
  } else if (!isDeepStrictEqual(a, b)) found.push(`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  return found;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return 0;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round(((sorted[middle - 1] + sorted[middle]) / 2) * 100) / 100;
}

interface SavedRun {
  date: string;
  machine: string;
  seconds: number;
  rounds: number;
  targets: string[];
  /** null: a hub of its own data (the baseline), not comparable answer by answer. */
  sameAnswer: Record<string, boolean | null>;
  /** The earlier revision loaded in the same run (`--baseline`), if any. */
  baseline?: string;
  rounds50: RoundResult[];
  single: RoundResult[];
  overload: RoundResult[];
}

const CASE_SUBGRAPHS = ['bank', 'education', 'health', 'police', 'social', 'guardianship'] as const;

/**
 * docker-compose's topology: each subgraph of the case view and the gateway in a process of its
 * own (the production mains, configured by environment), over the same database and identity
 * provider as the hub. The bank signs grants with a key pair of this topology's own.
 */
async function perServiceTopology(dist: string, adminUrl: string, hub: HubInfo, supergraphPath: string, children: ChildProcess[]): Promise<Target> {
  const keys = generateKeyPairSync('ed25519');
  const common = {
    HOST: '127.0.0.1',
    AUTH_ISSUER: hub.issuer,
    AUDIT_PSEUDONYM_KEY: 'case-view-bench-pseudonym-key',
    ACCESS_GRANT_PUBLIC_KEY: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    // Their relays have nothing to carry here; they poll as seldom as allowed.
    OUTBOX_POLL_MS: '60000',
    ...HUB_PROCESS_ENV,
  };
  const urls: Record<string, string> = {};
  const pids: number[] = [];
  for (const name of CASE_SUBGRAPHS) {
    const upper = name.toUpperCase();
    const env: Record<string, string> = { ...common, [`${upper}_PORT`]: '0', [`${upper}_DATABASE_URL`]: roleUrl(adminUrl, roleFor(name, devRolePassword(name))) };
    if (name === 'bank') env.ACCESS_GRANT_PRIVATE_KEY = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const started = await startProcess<{ url: string }>(path.join(dist, 'subgraphs', name, 'main.js'), [], env, `{"level":"info","service":"${name}","msg":"listening"`);
    children.push(started.child);
    stopOnSignal.push(() => stopChild(started.child));
    urls[name] = started.info.url;
    pids.push(started.child.pid!);
  }
  const gateway = await startProcess<{ url: string }>(
    path.join(dist, 'gateway', 'main.js'),
    [],
    {
      AUTH_ISSUER: hub.issuer,
      SUPERGRAPH_PATH: supergraphPath,
      REGISTRY_URL: new URL('/registry', urls.bank).toString(),
      GATEWAY_PORT: '0',
      HOST: '127.0.0.1',
      SAFELIST_ENFORCE: 'true',
      CLIENT_RATE_PER_S: '0',
      ...HUB_PROCESS_ENV,
      ...Object.fromEntries(Object.entries({ ...hub.subgraphUrls, ...urls }).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])),
    },
    '{"level":"info","service":"gateway","msg":"listening"',
  );
  children.push(gateway.child);
  stopOnSignal.push(() => stopChild(gateway.child));
  return {
    name: 'one process per service (docker-compose)',
    url: gateway.info.url,
    pids: [...pids, gateway.child.pid!],
    stop: async () => {
      await stopChild(gateway.child);
      for (const child of children.filter((c) => pids.includes(c.pid!))) await stopChild(child);
    },
  };
}

const baselineName = (rev: string) => `hub before this wave's CPU work (${rev})`;

/** The baseline's own hub process, on a database of its own on the same server. */
async function baselineTarget(baseline: Baseline, adminUrl: string, children: ChildProcess[]): Promise<Target> {
  const name = `hub_baseline_${Date.now()}`;
  const own = await createDatabase(adminUrl, name);
  const started = await startProcess<HubInfo>(baseline.script, [own], {}, '{"gatewayUrl"', baseline.dir);
  children.push(started.child);
  stopOnSignal.push(() => stopChild(started.child));
  log(`case-view: baseline ${baseline.rev} ready, child ${started.info.childId}`);
  return {
    name: baselineName(baseline.rev),
    url: started.info.gatewayUrl,
    pids: [started.child.pid!],
    stop: async () => {
      await stopChild(started.child);
      await dropDatabase(adminUrl, name);
    },
    own: { hub: started.info, operation: baseline.operation },
  };
}

/** Writes the bench's section of bench/REPORT.md from a run (also `--report-only`, from the saved JSON). */
function report(run: SavedRun): void {
  const summary = run.targets.map((name) => {
    const mine = run.rounds50.filter((r) => r.target === name);
    const single = run.single.find((r) => r.target === name)!;
    return {
      name,
      sameAnswer: run.sameAnswer[name],
      viewsPerSecond: median(mine.map((r) => r.viewsPerSecond)),
      p50Ms: median(mine.map((r) => r.p50Ms)),
      p99Ms: median(mine.map((r) => r.p99Ms)),
      cpu50: median(mine.map((r) => r.cpuMsPerView?.total ?? 0)),
      single,
      at200: run.overload.find((r) => r.target === name)!,
    };
  });
  const lower = summary[summary.length - 1];
  const hub = summary[0];
  const ratio = (a: number, b: number) => (b ? `${(a / b).toFixed(2)}x` : '-');
  const rows = summary.map(
    (s) =>
      `| ${s.name} | ${s.sameAnswer === null ? 'own data' : s.sameAnswer ? 'yes' : '**no**'} | ${s.viewsPerSecond} | ${ratio(s.viewsPerSecond, lower.viewsPerSecond)} | ${ratio(s.viewsPerSecond, hub.viewsPerSecond)} | ${s.p50Ms} ms | ${s.p99Ms} ms | ${s.single.p50Ms} ms | ${s.single.cpuMsPerView?.total} ms (${s.single.cpuMsPerView?.serving} + db ${s.single.cpuMsPerView?.database}) | ${s.cpu50} ms |`,
  );
  const base = run.baseline ? summary.find((s) => s.name === baselineName(run.baseline!)) : undefined;
  const perView = (s: (typeof summary)[number]) => s.single.cpuMsPerView?.total ?? 0;
  const againstBaseline = base
    ? `

Against the hub before this wave's CPU work (\`${run.baseline}\`, built from git and loaded in this run
with its own data of the same shape, its own \`CaseView\`): throughput at 50 connections
${ratio(hub.viewsPerSecond, base.viewsPerSecond)} (${hub.viewsPerSecond} against ${base.viewsPerSecond} views/s), CPU per view at one client
${ratio(perView(hub), perView(base))} (${perView(hub)} against ${perView(base)} ms), at 50 connections ${ratio(hub.cpu50, base.cpu50)} (${hub.cpu50} against
${base.cpu50} ms), one client's p50 ${hub.single.p50Ms} against ${base.single.p50Ms} ms.`
    : '';
  const others = (status: Record<string, number>) =>
    Object.entries(status)
      .filter(([k]) => !['200', '503', '429'].includes(k))
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ') || '-';
  const overloadRows = summary.map(
    (s) =>
      `| ${s.name} | ${s.at200.views} | ${s.at200.okWithErrors} | ${s.at200.status['503'] ?? 0} | ${s.at200.status['429'] ?? 0} | ${others(s.at200.status)} | ${s.at200.p50Ms} ms | ${s.at200.p99Ms} ms |`,
  );
  updateReport(
    'case-view',
    `## Case view: our gateway, stock @apollo/gateway, Hive Gateway and the lower bound

\`npm run bench:case-view -- --seconds ${run.seconds} --rounds ${run.rounds}${run.baseline ? ` --baseline ${run.baseline}` : ''}\`, ${run.date}.
${run.machine}.

The portal's safelisted \`CaseView\` of one child (family, consent, participation, every agency's
records), as the KDN secretary, each request with its own \`X-Request-Id\`. One hub process holds
the six subgraphs and our gateway (\`npm start\`; the gateway calls the subgraphs in process, without
HTTP); the other routers run in processes of their own over the hub's subgraphs, over HTTP. "One
process per service" is docker-compose's topology: the production mains of the bank, the five
agencies and our gateway, seven processes configured by environment, over the same database and
identity provider, every call over HTTP. The lower bound (\`bench/lower-bound-server.ts\`) answers the
same JSON with one SQL statement and the same jose token check: no federation, no access decisions,
no access log. Load from the same machine (autocannon). "same answer": the target's answer equals
the hub's, compared before the load. ${run.rounds} alternating rounds of ${run.seconds} s at 50
connections (medians); then one connection for p50 of a single client; CPU per view is user+system
time from /proc of the serving processes (hub, router) plus the database server, divided by the
complete views (200 without errors). The one-client figure is the fair one: at 50 connections the
requests still in flight when a round ends did work that no view counts.

| target | same answer | views/s at 50 | vs lower bound | vs hub | p50 at 50 | p99 at 50 | p50, one client | CPU per view, one client (serving + db) | CPU per view at 50 |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}${againstBaseline}

At 200 connections (${run.seconds} s each; our gateway's defaults: 32 executing, 256 queued, 5 s queue
timeout; no per-client rate, since one user drives the whole load):

| target | 200 complete | 200 with errors | 503 | 429 | other | p50 | p99 |
|---|---:|---:|---:|---:|---|---:|---:|
${overloadRows.join('\n')}

Raw: \`bench/results/case-view.json\`.`,
  );
}

async function main(): Promise<void> {
  if (process.argv.includes('--report-only')) {
    report(JSON.parse(readFileSync(path.join(resultsDir(), 'case-view.json'), 'utf8')) as SavedRun);
    log('case-view: bench/REPORT.md rewritten from bench/results/case-view.json');
    return;
  }
  const seconds = Math.round(numberFlag('seconds', 10));
  const baselineRev = process.argv.includes('--baseline') ? flag('baseline', '') : '';
  if (process.argv.includes('--baseline') && !baselineRev) throw new Error('--baseline <git revision>');
  const rounds = Math.round(numberFlag('rounds', 2));
  const dist = path.join(repoRoot(), 'dist');
  const database = await benchDatabase();
  stopOnSignal.push(() => database.stop());
  const admin = new Client({ connectionString: database.adminUrl });
  await admin.connect();
  const dataDirectory = (await admin.query('SHOW data_directory')).rows[0].data_directory as string;
  let postmaster: number | null = null;
  try {
    postmaster = Number(readFileSync(path.join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    log('case-view: the database server is not on this machine; its CPU is not counted');
  }
  const described = describeMachine(await machine(database.adminUrl, database.kind));
  await admin.end();

  const hubProcess = await startProcess<HubInfo>(path.join(dist, 'bench', 'case-view-hub.js'), [database.adminUrl], HUB_PROCESS_ENV, '{"gatewayUrl"');
  const hub = hubProcess.info;
  const hubPid = hubProcess.child.pid!;
  stopOnSignal.push(() => stopChild(hubProcess.child));
  log(`case-view: hub ready, child ${hub.childId}`);
  const supergraphPath = path.join(repoRoot(), 'schema', 'supergraph.graphql');
  const targets: Target[] = [];
  const children: ChildProcess[] = [];
  const processTarget = async (name: string, script: string, args: string[], env: Record<string, string> = {}, marker?: string) => {
    const started = await startProcess<{ url: string }>(script, args, env, marker);
    children.push(started.child);
    stopOnSignal.push(() => stopChild(started.child));
    targets.push({ name, url: started.info.url, pids: [hubPid, started.child.pid!], stop: () => stopChild(started.child) });
  };
  try {
    targets.push({ name: 'hub (one process, our gateway)', url: hub.gatewayUrl, pids: [hubPid], stop: async () => undefined });
    if (baselineRev) targets.push(await baselineTarget(prepareBaseline(baselineRev), database.adminUrl, children));
    const env = {
      AUTH_ISSUER: hub.issuer,
      SUPERGRAPH_PATH: supergraphPath,
      REGISTRY_URL: hub.registryUrl,
      GATEWAY_PORT: '0',
      HOST: '127.0.0.1',
      SAFELIST_ENFORCE: 'true',
      // One portal user drives the whole load: its own rate would be what is measured.
      CLIENT_RATE_PER_S: '0',
      ...HUB_PROCESS_ENV,
      ...Object.fromEntries(Object.entries(hub.subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])),
    };
    await processTarget('our gateway (own process)', path.join(dist, 'gateway', 'main.js'), [], env, '{"level":"info","service":"gateway","msg":"listening"');
    targets.push(await perServiceTopology(dist, database.adminUrl, hub, supergraphPath, children));
    await processTarget('stock @apollo/gateway', path.join(dist, 'bench', 'routers', 'apollo-gateway.js'), [JSON.stringify({ supergraphPath, subgraphUrls: hub.subgraphUrls })]);
    for (const planner of ['js', 'rust'] as const) {
      const hive = await startHiveGateway({ supergraphSdl: readFileSync(supergraphPath, 'utf8'), subgraphUrls: hub.subgraphUrls, planner });
      stopOnSignal.push(() => hive.stop());
      targets.push({ name: `Hive Gateway (${planner === 'js' ? 'JS' : 'Rust'} planner)`, url: hive.url, pids: [hubPid, hive.pid], stop: hive.stop });
    }
    await processTarget('lower bound (one SQL statement)', path.join(dist, 'bench', 'lower-bound-server.js'), [
      JSON.stringify({ adminUrl: database.adminUrl, issuer: hub.issuer, audience: 'hub-api' }),
    ]);
    // The lower bound does not run in the hub's process: only its own process counts.
    targets[targets.length - 1].pids = targets[targets.length - 1].pids.slice(1);

    const reference = await answerOf(hub.gatewayUrl, hub);
    const sameAnswer: Record<string, boolean | null> = {};
    for (const target of targets) {
      if (target.own) {
        sameAnswer[target.name] = null;
        continue;
      }
      const answer = await answerOf(target.url, hub);
      sameAnswer[target.name] = isDeepStrictEqual(answer, reference);
      if (!sameAnswer[target.name]) log(`case-view: ${target.name} answers differently: ${differences(answer, reference).join('; ')}`);
    }

    const results: RoundResult[] = [];
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        await load(target, hub, 10, 2, postmaster); // warm-up, not counted
        const r = await load(target, hub, 50, seconds, postmaster);
        log(`round ${round + 1} ${target.name}: ${r.viewsPerSecond} views/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, CPU ${r.cpuMsPerView?.total} ms/view`);
        results.push(r);
      }
    }
    const single: RoundResult[] = [];
    for (const target of targets) single.push(await load(target, hub, 1, Math.max(3, Math.round(seconds / 2)), postmaster));
    const overload: RoundResult[] = [];
    for (const target of targets) {
      const r = await load(target, hub, 200, seconds, postmaster);
      log(`200 connections ${target.name}: ${JSON.stringify(r.status)}, 200 with errors ${r.okWithErrors}`);
      overload.push(r);
    }

    const date = new Date().toISOString().slice(0, 10);
    const saved: SavedRun = {
      date,
      machine: described,
      seconds,
      rounds,
      targets: targets.map((t) => t.name),
      sameAnswer,
      baseline: baselineRev ? targets.find((t) => t.own)!.name.replace(/^.*\(([^)]+)\)$/, '$1') : undefined,
      rounds50: results,
      single,
      overload,
    };
    writeResult('case-view.json', saved);
    report(saved);
    log('case-view: bench/REPORT.md updated');
  } finally {
    for (const target of targets) await target.stop().catch(() => undefined);
    for (const child of children) await stopChild(child);
    await stopChild(hubProcess.child);
    await database.stop();
  }
}

// Ctrl-C stops the run and still stops every process it started, newest first.
if (require.main === module) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`case-view: ${signal}, stopping`);
      void (async () => {
        for (const stop of [...stopOnSignal].reverse()) await stop().catch(() => undefined);
        process.exit(1);
      })();
    });
  }

  main().catch((error) => {
    log(`case-view: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  });
}
