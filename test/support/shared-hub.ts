import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { claim } from './claim';
import { HubClient, hubClient } from './hub-client';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The hub shared by the test files that only talk to it over HTTP and read its database (see
 * `shared-hub.main.ts`): started by the first file that asks, in a process of its own, and stopped
 * by the global teardown. A file that reaches into its hub's objects, needs options, or asserts on
 * data other files also write (whole lists, counts, numbering) starts its own with `startTestHub`.
 * This module loads none of the hub's code, so a file on the shared hub loads only its own.
 */
export async function sharedTestHub(timeoutMs = 120_000): Promise<HubClient> {
  const dir = process.env.HUB_TEST_SHARED_DIR;
  if (!dir) throw new Error('HUB_TEST_SHARED_DIR is not set: run the tests through jest (global setup)');
  const info = path.join(dir, 'hub.json');
  const failed = path.join(dir, 'failed');
  if (!existsSync(info) && claim(path.join(dir, 'starting'))) start(dir);
  const until = Date.now() + timeoutMs;
  while (!existsSync(info)) {
    if (existsSync(failed)) throw new Error(`the shared test hub failed to start:\n${readFileSync(failed, 'utf8')}`);
    if (Date.now() > until) throw new Error(`the shared test hub did not start within ${timeoutMs} ms; its log: ${path.join(dir, 'hub.log')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const hub = JSON.parse(readFileSync(info, 'utf8')) as Parameters<typeof hubClient>[0];
  // Stopped once for all files, by the global teardown.
  return hubClient(hub, async () => undefined);
}

function start(dir: string): void {
  const log = openSync(path.join(dir, 'hub.log'), 'a');
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'scripts/ts-register.js'), path.join(ROOT, 'test/support/shared-hub.main.ts')], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, HUB_TEST_SHARED_DIR: dir },
  });
  child.unref();
  closeSync(log);
}
