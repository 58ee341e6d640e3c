import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { commandLine, isAlive, signal, waitForExit } from './process-table';

export interface PostgresProcessOptions {
  dataDir: string;
  port: number;
  password: string;
  /** How to run the server binary (from scripts/embedded-postgres.mjs, prepareCluster). */
  binary: { postgres: string; uid?: number; gid?: number };
  say(line: string): void;
}

/**
 * `npm start`'s PostgreSQL, run by the supervisor in a process group of its own: Ctrl-C in the
 * terminal reaches the hub, which stops in order, and the database is stopped after it, never at
 * the same moment. The data is kept between runs, so `fsync` stays on: a machine that loses power
 * must not lose the access log.
 */
export class PostgresProcess {
  private child: ChildProcess | null = null;
  private exitListeners: Array<(code: number | null, signal: NodeJS.Signals | null) => void> = [];

  constructor(private readonly options: PostgresProcessOptions) {}

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get adminUrl(): string {
    return `postgres://postgres:${encodeURIComponent(this.options.password)}@127.0.0.1:${this.options.port}/postgres`;
  }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.exitListeners.push(listener);
  }

  /**
   * A server left running by an earlier run that crashed (its `postmaster.pid` names a live
   * postgres of this directory) is stopped with a fast shutdown, then an immediate one; a lock file
   * whose process is gone or is not PostgreSQL (its id reused) is removed.
   */
  static async stopStale(dataDir: string, say: (line: string) => void): Promise<void> {
    const lockFile = path.join(dataDir, 'postmaster.pid');
    if (!existsSync(lockFile)) return;
    const [pidLine, dirLine] = readFileSync(lockFile, 'utf8').split('\n');
    const pid = Number(pidLine);
    const ours = pid > 0 && isAlive(pid) && /postgres/.test(commandLine(pid));
    if (!ours) {
      // PostgreSQL would take a live unrelated process for another postmaster and refuse to start.
      if (pid > 0 && isAlive(pid)) rmSync(lockFile, { force: true });
      return;
    }
    say(`Найдена PostgreSQL прежнего запуска (pid ${pid}, ${dirLine?.trim() || dataDir}): останавливаю её, данные сохраняются.`);
    signal(pid, 'SIGINT');
    if (await waitForExit(pid, 30_000)) return;
    signal(pid, 'SIGQUIT');
    if (await waitForExit(pid, 10_000)) return;
    signal(pid, 'SIGKILL');
    await waitForExit(pid, 10_000);
  }

  /** Starts the server; resolves when it accepts connections, rejects with its last log lines. */
  async start(): Promise<void> {
    const { postgres, uid, gid } = this.options.binary;
    const child = spawn(postgres, ['-D', this.options.dataDir, '-p', String(this.options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=on'], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(uid !== undefined ? { uid, gid } : {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    this.child = child;
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      let ready = false;
      child.stderr!.on('data', (chunk: Buffer) => {
        for (const line of String(chunk).split('\n').filter(Boolean)) {
          lines.push(line);
          if (lines.length > 40) lines.shift();
          if (!ready && line.includes('database system is ready to accept connections')) {
            ready = true;
            resolve();
          }
        }
      });
      child.once('exit', (code, sig) => {
        if (!ready) reject(new Error(`PostgreSQL не запустилась (код ${code ?? sig}):\n${lines.slice(-10).join('\n')}`));
        if (this.child === child) this.child = null;
        for (const listener of this.exitListeners) listener(code, sig);
      });
    });
  }

  /** A fast shutdown (open transactions rolled back, no recovery needed at the next start). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.exitListeners = [];
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 60_000).unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGQUIT');
      await exited;
    }
    this.child = null;
  }
}
