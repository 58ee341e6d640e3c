import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { devRolePassword } from '../scripts/hub';
import { repoRoot } from '../scripts/repo-root';
import { seedDemoData, seedUrlsFor } from '../scripts/seed/seed';
import { HUB_PROCESS_ENV, HubInfo, load, RoundResult, startProcess, stopChild } from './case-view';
import { benchDatabase, describeMachine, log, machine, numberFlag, updateReport, writeResult } from './support';

/**
 * The case view at the demo size and at a region's size: `npm run bench:case-view-scale -- [--children 1000000] [--seconds 10]`.
 *
 * Twice, each time in a fresh embedded database: the bench hub (one child with a family, consent,
 * participation and every agency's records), then the seeder's synthetic region around it (300
 * children, `npm start`'s demo, then --children), VACUUM ANALYZE as a running database would have, and
 * one client viewing that child for --seconds: p50 and CPU per view (hub and database server).
 * The view's rows are the same both times; what grows is every table and index it reads from.
 */
const DEMO_CHILDREN = 300;

interface SizeResult {
  children: number;
  persons: number;
  signals: number;
  seedSeconds: number;
  round: RoundResult;
  /**
   * The same load with every statement planned for its own parameters (plan_cache_mode =
   * force_custom_plan): a prepared statement switches to PostgreSQL's generic plan after five
   * executions, and this tells whether that plan costs anything at this size. Embedded database only
   * (it changes a server setting for the round).
   */
  customPlans?: RoundResult;
}

function postmasterOf(dataDirectory: string): number | null {
  try {
    return Number(readFileSync(path.join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  }
}

async function measure(children: number, seconds: number): Promise<{ result: SizeResult; machine: string }> {
  const database = await benchDatabase();
  const hubProcess = await startProcess<HubInfo>(path.join(repoRoot(), 'dist', 'bench', 'case-view-hub.js'), [database.adminUrl], HUB_PROCESS_ENV, '{"gatewayUrl"');
  try {
    const started = Date.now();
    let shown = 0;
    const seeded = await seedDemoData({
      urls: seedUrlsFor(database.adminUrl, devRolePassword),
      children,
      seed: 11,
      onProgress: (done, total) => {
        if (done - shown >= total / 10 || done === total) log(`case-view-scale: seeded ${(shown = done)} of ${total} children`);
      },
    });
    const seedSeconds = Math.round((Date.now() - started) / 1000);
    const admin = new Client({ connectionString: database.adminUrl });
    await admin.connect();
    // What autovacuum would do next (it would bill the measurement); a running database has done it long ago.
    await admin.query('VACUUM ANALYZE');
    const postmaster = postmasterOf((await admin.query('SHOW data_directory')).rows[0].data_directory as string);
    const described = describeMachine(await machine(database.adminUrl, database.kind));
    const hub = hubProcess.info;
    const target = { name: `${children} children`, url: hub.gatewayUrl, pids: [hubProcess.child.pid!], stop: async () => undefined };
    await load(target, hub, 1, 3, postmaster); // warm-up, not counted
    const round = await load(target, hub, 1, seconds, postmaster);
    log(`case-view-scale: ${children} children: p50 ${round.p50Ms} ms, CPU ${round.cpuMsPerView?.total} ms/view, ${round.okWithErrors} with errors`);
    let customPlans: RoundResult | undefined;
    if (database.kind === 'embedded') {
      // A reload reaches the hub's open sessions; the plan cache reads the setting at each execution.
      await admin.query(`ALTER SYSTEM SET plan_cache_mode = 'force_custom_plan'`);
      await admin.query('SELECT pg_reload_conf()');
      try {
        customPlans = await load(target, hub, 1, seconds, postmaster);
        log(`case-view-scale: ${children} children, custom plans: p50 ${customPlans.p50Ms} ms, CPU ${customPlans.cpuMsPerView?.total} ms/view`);
      } finally {
        await admin.query('ALTER SYSTEM RESET plan_cache_mode');
        await admin.query('SELECT pg_reload_conf()');
      }
    }
    await admin.end();
    return { result: { children, persons: seeded.persons, signals: seeded.signals, seedSeconds, round, customPlans }, machine: described };
  } finally {
    await stopChild(hubProcess.child);
    await database.stop();
  }
}

interface SavedScale {
  date: string;
  machine: string;
  seconds: number;
  sizes: SizeResult[];
}

function report(run: SavedScale): void {
  const [demo, large] = run.sizes;
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}x` : '-');
  const rows = run.sizes.map(
    (s) =>
      `| ${s.children.toLocaleString('en-US')} | ${s.persons.toLocaleString('en-US')} | ${s.signals.toLocaleString('en-US')} | ${s.seedSeconds} s | ${s.round.views} | ${s.round.okWithErrors} | ${s.round.p50Ms} ms | ${ratio(s.round.p50Ms, demo.round.p50Ms)} | ${s.round.cpuMsPerView?.total} ms (${s.round.cpuMsPerView?.serving} + db ${s.round.cpuMsPerView?.database}) | ${ratio(s.round.cpuMsPerView?.total, demo.round.cpuMsPerView?.total)} | ${s.customPlans ? `${s.customPlans.p50Ms} ms, ${s.customPlans.cpuMsPerView?.total} ms (db ${s.customPlans.cpuMsPerView?.database})` : '-'} |`,
  );
  updateReport(
    'case-view-scale',
    `## Case view at the demo size and at ${large.children.toLocaleString('en-US')} children

\`npm run bench:case-view-scale -- --children ${large.children} --seconds ${run.seconds}\`, ${run.date}.
${run.machine}.

Each size in a fresh database: the bench hub's child (family, consent, participation, every
agency's records), the seeder's synthetic region around it, \`VACUUM ANALYZE\`, then one client viewing
that child for ${run.seconds} s (the portal's safelisted \`CaseView\` as the KDN secretary). The
view's own rows are the same at both sizes; every table and index it reads from grows. CPU per
view: the hub's process and the database server, from /proc. The last column repeats the round with
every statement planned for its own parameters (\`plan_cache_mode = force_custom_plan\`): the hot
statements are prepared, and PostgreSQL may run a prepared statement on a generic plan after five
executions; if that plan were worse at this size, the custom plans would be faster.

| children seeded | persons | signals | seeding | views | 200 with errors | p50, one client | vs demo | CPU per view (hub + db) | vs demo | custom plans: p50, CPU per view |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Raw: \`bench/results/case-view-scale.json\`.`,
  );
}

async function main(): Promise<void> {
  const children = Math.round(numberFlag('children', 1_000_000));
  const seconds = Math.round(numberFlag('seconds', 10));
  const sizes: SizeResult[] = [];
  let described = '';
  for (const size of [DEMO_CHILDREN, children]) {
    const { result, machine } = await measure(size, seconds);
    sizes.push(result);
    described = machine;
  }
  const saved: SavedScale = { date: new Date().toISOString().slice(0, 10), machine: described, seconds, sizes };
  writeResult('case-view-scale.json', saved);
  report(saved);
  log('case-view-scale: bench/REPORT.md updated');
}

main().catch((error) => {
  log(`case-view-scale: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
