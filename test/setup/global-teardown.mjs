import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const tail = (file) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-40).join('\n') : '(no log)');

/** The shared hub first (it holds connections to PostgreSQL), then PostgreSQL. */
export default async function globalTeardown() {
  const info = path.join(process.env.HUB_TEST_SHARED_DIR ?? '', 'hub.json');
  if (process.env.HUB_TEST_SHARED_DIR && existsSync(info)) {
    const { pid } = JSON.parse(readFileSync(info, 'utf8'));
    // A shared hub that died during the run fails the files that used it; its log says why.
    if (!alive(pid)) {
      process.stderr.write(`the shared test hub (pid ${pid}) had stopped before the teardown; the end of its log:\n${tail(path.join(path.dirname(info), 'hub.log'))}\n`);
    } else {
      process.kill(pid, 'SIGTERM');
      for (let waited = 0; alive(pid) && waited < 15_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    }
  }
  await globalThis.__HUB_TEST_PG__?.stop();
  // The run's temporary directory: PostgreSQL's data (already removed by its stop) and the shared hub's files.
  if (process.env.HUB_TEST_SHARED_DIR) rmSync(path.dirname(process.env.HUB_TEST_SHARED_DIR), { recursive: true, force: true });
}
