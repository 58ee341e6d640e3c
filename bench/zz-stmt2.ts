import path from 'node:path';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { startProcess, stopChild, HubInfo } from './case-view';
import { benchDatabase } from './support';
import { repoRoot } from '../scripts/repo-root';
const ticks = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); };
async function main() {
  const db = await benchDatabase();
  const { child, info } = await startProcess<HubInfo>(path.join(repoRoot(), 'dist', 'bench', 'case-view-hub.js'), [db.adminUrl], {}, '{"gatewayUrl"');
  try {
    const dump = readFileSync('/tmp/sql-dump.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const c = new Client({ connectionString: db.adminUrl }); await c.connect();
    await c.query('SET search_path = bank');
    const pid = (await c.query('SELECT pg_backend_pid() p')).rows[0].p;
    const police = dump.find((d) => d.query.includes('"police"."signal"')).query as string;
    const subj = police.slice(police.lastIndexOf(', (SELECT coalesce(json_agg(json_build_object'));
    const variants: Record<string, string> = {
      full: police,
      noSubjects: police.replace(subj, ''),
      subjectsOnly: 'SELECT ' + subj.slice(2),
      oneSet: police.slice(0, police.indexOf(') AS s0') + 7),
      nothing: 'SELECT $1::uuid[] AS x',
    };
    for (const [name, q] of Object.entries(variants)) {
      const params = [[info.childId]];
      const N = 1000;
      for (let k = 0; k < 50; k++) await c.query({ name, text: q, values: params });
      const t0 = ticks(pid);
      for (let k = 0; k < N; k++) await c.query({ name, text: q, values: params });
      console.log(name, 'db cpu ms/stmt', ((ticks(pid) - t0) * 10 / N).toFixed(3));
    }
    await c.end();
  } catch (e) { console.error('ERR', e); } finally { await stopChild(child); await db.stop(); }
}
main();
