import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Whether a process with this id exists now (signal 0 checks without signalling). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else (PostgreSQL run as `postgres` by root is ours to signal).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a process ('' when it is gone): /proc on Linux, `ps` elsewhere. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    } catch {
      return '';
    }
  }
}

/** The parent of a process (null when it is gone or unknown). */
export function parentOf(pid: number): number | null {
  try {
    // Field 4 of /proc/<pid>/stat, after the command name in parentheses (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    try {
      return (
        Number(
          execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { stdio: ['ignore', 'pipe', 'ignore'] })
            .toString()
            .trim(),
        ) || null
      );
    } catch {
      return null;
    }
  }
}

/** The nearest ancestor whose command line matches (e.g. the `npm` that ran us), or null. */
export function ancestorMatching(pattern: RegExp, from = process.pid): number | null {
  let pid = parentOf(from);
  for (let depth = 0; pid && pid > 1 && depth < 6; depth++) {
    if (pattern.test(commandLine(pid))) return pid;
    pid = parentOf(pid);
  }
  return null;
}

/** Waits until the process is gone; false when it still runs after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already: what we wanted.
  }
}
