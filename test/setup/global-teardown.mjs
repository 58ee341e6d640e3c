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

/** The shared hub first (it holds connections to PostgreSQL), then PostgreSQL. */
export default async function globalTeardown() {
  const info = path.join(process.env.HUB_TEST_SHARED_DIR ?? '', 'hub.json');
  if (process.env.HUB_TEST_SHARED_DIR && existsSync(info)) {
    const { pid } = JSON.parse(readFileSync(info, 'utf8'));
    if (alive(pid)) process.kill(pid, 'SIGTERM');
    for (let waited = 0; alive(pid) && waited < 15_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  await globalThis.__HUB_TEST_PG__?.stop();
  // The run's temporary directory: PostgreSQL's data (already removed by its stop) and the shared hub's files.
  if (process.env.HUB_TEST_SHARED_DIR) rmSync(path.dirname(process.env.HUB_TEST_SHARED_DIR), { recursive: true, force: true });
}
