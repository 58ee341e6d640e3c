import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** The sync worker (scripts/sync-worker.ts) as a child process the test can SIGKILL. */
export interface WorkerProcess {
  child: ChildProcess;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startSyncWorker(env: Record<string, string>): Promise<WorkerProcess> {
  return startTsProcess('scripts/sync-worker.ts', env, 'ready');
}

/** Any TypeScript entry point of the repository as a child process, ready when its output contains `readyText`. */
export async function startTsProcess(script: string, env: Record<string, string>, readyText: string): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts', 'ts-register.js'), path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += String(chunk);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 30 s: ${stderr}`)), 30_000);
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += String(chunk);
      if (stdout.includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}: ${stderr}${stdout}`));
    });
  });
  return {
    child,
    kill: (signal = 'SIGKILL') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** Polls until `check` holds or the time is up (then fails with what was last seen). */
export async function waitFor<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
    last = await read();
  }
  return last;
}
