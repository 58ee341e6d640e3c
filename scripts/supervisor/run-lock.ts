import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { commandLine, isAlive, signal, waitForExit } from './process-table';

export interface RunLock {
  supervisor: number;
  hub: number | null;
  postgres: number | null;
}

/**
 * One `npm start` per data directory. The lock file names this run's processes; a later
 * `npm start` that finds them alive (its terminal was closed, `npm` was killed and left the hub
 * running) stops them in order before it starts, instead of failing on a busy port or database.
 */
export class RunLockFile {
  constructor(private readonly file: string) {}

  async takeOver(say: (line: string) => void): Promise<void> {
    if (!existsSync(this.file)) return;
    let earlier: RunLock;
    try {
      earlier = JSON.parse(readFileSync(this.file, 'utf8')) as RunLock;
    } catch {
      rmSync(this.file, { force: true });
      return;
    }
    const alive = (pid: number | null): pid is number => !!pid && pid !== process.pid && isAlive(pid) && /node|start|hub-process/.test(commandLine(pid));
    if (alive(earlier.supervisor)) {
      say(`Хаб прежнего запуска ещё работает (pid ${earlier.supervisor}): останавливаю его по порядку.`);
      signal(earlier.supervisor, 'SIGTERM');
      if (!(await waitForExit(earlier.supervisor, 90_000))) signal(earlier.supervisor, 'SIGKILL');
    }
    if (alive(earlier.hub)) {
      say(`Процесс хаба прежнего запуска (pid ${earlier.hub}) остался без присмотра: останавливаю.`);
      signal(earlier.hub, 'SIGTERM');
      if (!(await waitForExit(earlier.hub, 60_000))) signal(earlier.hub, 'SIGKILL');
      await waitForExit(earlier.hub, 10_000);
    }
    rmSync(this.file, { force: true });
  }

  write(lock: RunLock): void {
    writeFileSync(this.file, JSON.stringify(lock));
  }

  release(): void {
    rmSync(this.file, { force: true });
  }
}
