import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isAlive } from '../../scripts/supervisor/process-table';
import { HUB_NODE_FLAGS } from '../../scripts/node-flags';
import { personInput } from '../support/factories';
import { REGISTER_PERSON } from '../support/operations';

const ROOT = path.join(__dirname, '..', '..');
const BACK_UP = /Хаб (?:запущен за [\d.]+ с\.|снова работает за [\d.]+ с: (\S+) \(поставщик удостоверений: (\S+)\))/g;

interface Launch {
  child: ChildProcess;
  output(): string;
}

interface Endpoints {
  gatewayUrl: string;
  issuer: string;
}

interface RunLock {
  supervisor: number;
  hub: number | null;
  postgres: number | null;
}

/** `npm start` from sources (no build): the supervisor directly, or through a real `npm run`. */
function launch(dataDir: string, viaNpm: boolean): Launch {
  const env = { ...process.env, HUB_DATA_DIR: dataDir, GATEWAY_PORT: '0', IDP_PORT: '0', SEED_CHILDREN: '5' };
  const [command, args] = viaNpm ? ['npm', ['run', '--silent', 'start:sources']] : [process.execPath, ['-r', './scripts/ts-register.js', 'scripts/start.ts']];
  // Its own process group, as a terminal gives it: the test can kill the whole group.
  const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += String(chunk)));
  child.stderr!.on('data', (chunk) => (text += String(chunk)));
  return { child, output: () => text };
}

/** The hub's next "started" or "running again" line after `from` characters of output, with its URLs. */
async function backUp(run: Launch, from: number, timeoutMs = 240_000): Promise<Endpoints & { at: number }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = run.output().slice(from);
    BACK_UP.lastIndex = 0;
    const match = BACK_UP.exec(text);
    if (match) {
      if (match[1]) return { gatewayUrl: match[1], issuer: match[2], at: from + match.index + match[0].length };
      const gatewayUrl = /Шлюз GraphQL:\s+(\S+)/.exec(text)![1];
      const issuer = /Поставщик удостоверений:\s+(\S+)/.exec(text)![1];
      return { gatewayUrl, issuer, at: from + match.index + match[0].length };
    }
    if (Date.now() > until) throw new Error(`the hub did not come back in ${timeoutMs / 1000} s:\n${text.slice(-3000)}`);
    await sleep(200);
  }
}

function lockOf(dataDir: string): RunLock {
  return JSON.parse(readFileSync(path.join(dataDir, 'start.lock'), 'utf8')) as RunLock;
}

/** A process of the run that may never have been started (null) is not alive. */
const alive = (pid: number | null | undefined): boolean => !!pid && isAlive(pid);

async function gone(pids: Array<number | null>, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (pids.some(alive)) {
    if (Date.now() > until) throw new Error(`still running: ${pids.filter(alive).join(', ')}`);
    await sleep(200);
  }
}

async function token(issuer: string, form: Record<string, string>): Promise<string> {
  const response = await fetch(`${issuer}/protocol/openid-connect/token`, { method: 'POST', body: new URLSearchParams(form) });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

async function gql<T>(endpoints: Endpoints, bearer: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(endpoints.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'x-hub-purpose': 'INDIVIDUAL_PREVENTION' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

/** What the secretary of Vladivostok sees: the ids of the children of the territory (the run's output tail on failure). */
async function childrenSeen(endpoints: Endpoints, run?: Launch): Promise<string[]> {
  try {
    return await childIds(endpoints);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- npm start output (tail) ---\n${run?.output().slice(-4000) ?? ''}`);
  }
}

async function childIds(endpoints: Endpoints): Promise<string[]> {
  const bearer = await token(endpoints.issuer, { grant_type: 'password', client_id: 'kdn-portal', username: 'secretary.vlk', password: 'demo' });
  const data = await gql<{ children: Array<{ id: string }> }>(endpoints, bearer, '{ children(first: 200, municipality: "05701000") { id } }');
  return data.children.map((c) => c.id).sort();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function killGroup(run: Launch, signal: NodeJS.Signals): void {
  try {
    process.kill(-run.child.pid!, signal);
  } catch {
    // Already gone.
  }
}

describe('npm start survives its own crashes', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-crash-'));
  const runs: Launch[] = [];
  const figures: Record<string, number> = {};
  let before: string[] = [];
  let written = '';

  const start = async (viaNpm: boolean) => {
    const run = launch(dataDir, viaNpm);
    runs.push(run);
    const t0 = Date.now();
    const endpoints = await backUp(run, 0);
    return { run, endpoints, seconds: (Date.now() - t0) / 1000 };
  };

  afterAll(async () => {
    for (const run of runs) killGroup(run, 'SIGTERM');
    const lock = (() => {
      try {
        return lockOf(dataDir);
      } catch {
        return null;
      }
    })();
    if (lock) await gone([lock.supervisor, lock.hub, lock.postgres], 90_000).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    // The figures of the README's crash matrix: time until the hub answers again.
    process.stdout.write(`crash matrix (seconds until the hub is back): ${JSON.stringify(figures)}\n`);
  }, 120_000);

  it('when the hub process, then PostgreSQL are killed with SIGKILL, then the supervisor restarts each and the data is intact', async () => {
    const { run, endpoints } = await start(false);
    const school = await token(endpoints.issuer, { grant_type: 'client_credentials', client_id: 'education-system', client_secret: 'dev-education-secret' });
    const registered = await gql<{ registerPerson: { person: { id: string } } }>(endpoints, school, REGISTER_PERSON, {
      input: personInput({ snils: null, firstName: `Крах${randomUUID().slice(0, 6)}` }),
    });
    written = registered.registerPerson.person.id;
    before = await childrenSeen(endpoints);
    expect(before).toContain(written);

    const hubPid = lockOf(dataDir).hub!;
    // The hub runs with its V8 flags (scripts/node-flags.ts).
    expect(readFileSync(`/proc/${hubPid}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining(HUB_NODE_FLAGS));
    let mark = run.output().length;
    let t0 = Date.now();
    process.kill(hubPid, 'SIGKILL');
    let back = await backUp(run, mark);
    figures.hubProcessKilled = (Date.now() - t0) / 1000;
    expect(run.output().slice(mark)).toMatch(/Хаб упал \(SIGKILL\); перезапуск через \d+ с\./);
    expect(await childrenSeen(back, run)).toEqual(before);

    const postgresPid = lockOf(dataDir).postgres!;
    mark = run.output().length;
    t0 = Date.now();
    process.kill(postgresPid, 'SIGKILL');
    back = await backUp(run, mark);
    figures.postgresKilled = (Date.now() - t0) / 1000;
    expect(run.output().slice(mark)).toMatch(/PostgreSQL завершилась сама \(SIGKILL\)/);
    expect(lockOf(dataDir).postgres).not.toBe(postgresPid);
    expect(await childrenSeen(back, run)).toEqual(before);
  }, 600_000);

  it('when the supervisor is killed with SIGKILL, then the hub stops itself and the database, and the next start comes up with the data', async () => {
    const lock = lockOf(dataDir);
    const run = runs[runs.length - 1];
    process.kill(lock.supervisor, 'SIGKILL');
    await gone([lock.supervisor, lock.hub, lock.postgres]);
    expect(run.output()).toContain('Запуск хаба (npm start) завершился без остановки хаба');

    const t0 = Date.now();
    const { endpoints } = await start(false);
    figures.supervisorKilledThenStart = (Date.now() - t0) / 1000;
    expect(await childrenSeen(endpoints)).toEqual(before);
  }, 600_000);

  it('when the whole process group is killed with SIGKILL, then nothing is left running and the next start comes up with the data', async () => {
    const run = runs[runs.length - 1];
    const lock = lockOf(dataDir);
    killGroup(run, 'SIGKILL');
    // The hub and PostgreSQL run in groups of their own: the hub sees its supervisor gone and stops both.
    await gone([lock.supervisor, lock.hub, lock.postgres]);

    const t0 = Date.now();
    const { endpoints } = await start(false);
    figures.processGroupKilledThenStart = (Date.now() - t0) / 1000;
    expect(await childrenSeen(endpoints)).toEqual(before);
  }, 600_000);

  it('when everything but PostgreSQL dies at once, then the next start stops the stale PostgreSQL and comes up with the data', async () => {
    const run = runs[runs.length - 1];
    const lock = lockOf(dataDir);
    // As if the machine's OOM killer took both node processes: nobody is left to stop the database.
    process.kill(lock.hub!, 'SIGKILL');
    process.kill(lock.supervisor, 'SIGKILL');
    await gone([lock.supervisor, lock.hub]);
    expect(alive(lock.postgres)).toBe(true);

    const t0 = Date.now();
    const next = await start(false);
    figures.stalePostgresThenStart = (Date.now() - t0) / 1000;
    expect(next.run.output()).toContain(`Найдена PostgreSQL прежнего запуска (pid ${lock.postgres}`);
    expect(alive(lock.postgres)).toBe(false);
    expect(await childrenSeen(next.endpoints)).toEqual(before);
    void run;
  }, 600_000);

  it('when npm is killed with SIGKILL, then the hub it ran stops in order, and the next npm start comes up with the data', async () => {
    // Stop the previous run in order first (SIGTERM), as a later `npm start` would find it.
    const previous = lockOf(dataDir);
    const first = await start(true);
    expect(first.run.output()).toContain(`Хаб прежнего запуска ещё работает (pid ${previous.supervisor})`);
    expect(await childrenSeen(first.endpoints)).toEqual(before);

    const lock = lockOf(dataDir);
    const npmPid = first.run.child.pid!;
    const t0 = Date.now();
    process.kill(npmPid, 'SIGKILL');
    await gone([lock.supervisor, lock.hub, lock.postgres]);
    figures.npmKilledUntilStopped = (Date.now() - t0) / 1000;
    expect(first.run.output()).toMatch(/npm \(pid \d+\) завершился: останавливаю хаб, затем базу данных\./);

    const second = await start(true);
    expect(await childrenSeen(second.endpoints)).toEqual(before);

    // Ctrl-C reaches the foreground group: the hub stops first, then the database, and nothing is left.
    const last = lockOf(dataDir);
    killGroup(second.run, 'SIGINT');
    await gone([last.supervisor, last.hub, last.postgres]);
    const stopped = second.run.output();
    expect(stopped.indexOf('Останавливаю хаб...')).toBeLessThan(stopped.indexOf('Останавливаю PostgreSQL...'));
    expect(stopped).not.toMatch(/terminating connection/);
  }, 600_000);
});
