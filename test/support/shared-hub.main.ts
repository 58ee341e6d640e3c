/**
 * The hub that test files share (test/support/shared-hub.ts starts it on the first file's request):
 * one database, one identity provider, the subgraphs and the gateway, in a process of its own so
 * that it outlives each file's module registry. It writes where to reach it to `hub.json` in
 * HUB_TEST_SHARED_DIR, and stops on SIGTERM (global teardown) or when the Jest process that
 * started the run is gone.
 */
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTestHub, TestHub } from './test-hub';

async function main(): Promise<void> {
  const dir = process.env.HUB_TEST_SHARED_DIR;
  const jestPid = Number(process.env.HUB_TEST_MAIN_PID);
  if (!dir || !jestPid) throw new Error('HUB_TEST_SHARED_DIR and HUB_TEST_MAIN_PID are set by the tests’ global setup');
  let hub: TestHub | null = null;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await hub?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  setInterval(() => {
    try {
      process.kill(jestPid, 0);
    } catch {
      void stop();
    }
  }, 1000);

  hub = await startTestHub();
  const info = path.join(dir, 'hub.json');
  writeFileSync(`${info}.tmp`, JSON.stringify({ gatewayUrl: hub.gatewayUrl, subgraphUrls: hub.subgraphUrls, adminUrl: hub.adminUrl, tokenEndpoint: hub.tokenEndpoint, pid: process.pid }));
  renameSync(`${info}.tmp`, info);
}

main().catch((error: unknown) => {
  const dir = process.env.HUB_TEST_SHARED_DIR;
  if (dir) writeFileSync(path.join(dir, 'failed'), error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.stderr.write(`shared test hub failed: ${String(error)}\n`);
  process.exit(1);
});
