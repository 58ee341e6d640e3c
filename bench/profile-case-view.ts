import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../scripts/repo-root';
import { HUB_PROCESS_ENV, HubInfo, load, startProcess, stopChild } from './case-view';
import { benchDatabase, log, numberFlag } from './support';

/**
 * Where the hub's CPU goes in a case view: `npm run bench:profile -- [--seconds 15] [--connections 10]`.
 * Starts the bench hub (bench/case-view-hub.ts), profiling from its first request, loads it with the portal's
 * CaseView, stops it and prints the heaviest functions (self time) and packages; the profile is
 * left in bench/results/profile/ for Chrome's DevTools. A tool for finding work, not a figure for the report.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string): string {
  if (!url) return '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node';
  const dist = url.indexOf('/dist/');
  return dist >= 0
    ? `hub:${url
        .slice(dist + 6)
        .split('/')
        .slice(0, 2)
        .join('/')}`
    : url;
}

function summarise(profile: Profile, views: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + us);
    const pkg = functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)' ? functionName : packageOf(url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000 / views).toFixed(2).padStart(6)} ms/view  ${k}`)
      .join('\n');
  return `views: ${views}\n\npackages (self time)\n${rows(packages, 30)}\n\nfunctions (self time)\n${rows(functions, 40)}`;
}

async function main(): Promise<void> {
  const seconds = numberFlag('seconds', 15);
  const connections = numberFlag('connections', 10);
  const dir = path.join(repoRoot(), 'bench', 'results', 'profile');
  mkdirSync(dir, { recursive: true });
  const database = await benchDatabase();
  const file = path.join(dir, `case-view-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
  const { child, info } = await startProcess<HubInfo>(
    path.join(repoRoot(), 'dist', 'bench', 'case-view-hub.js'),
    [database.adminUrl],
    { ...HUB_PROCESS_ENV, BENCH_PROFILE_FILE: file },
    '{"gatewayUrl"',
  );
  try {
    const target = { name: 'hub', url: info.gatewayUrl, pids: [child.pid!], stop: async () => undefined };
    const warm = await load(target, info, connections, 3, null);
    const result = await load(target, info, connections, seconds, null);
    log(`profile: ${result.views} views, p50 ${result.p50Ms} ms, answers ${JSON.stringify(result.status)}`);
    await stopChild(child);
    const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
    process.stdout.write(`${summarise(profile, warm.views + result.views)}\n\nprofile: ${file}\n`);
  } finally {
    await stopChild(child);
    await database.stop();
  }
}

main().catch((error) => {
  log(`profile: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
