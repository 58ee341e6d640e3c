// One real PostgreSQL for the whole test run; each test file creates its own database in it, or
// uses the hub that files share (test/support/shared-hub.ts), started on the first file's request.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function globalSetup() {
  // Every process a suite starts from TypeScript finds its files transpiled (scripts/ts-register.js);
  // done beside PostgreSQL's start.
  const warming = new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/ts-register.js', 'auth', 'gateway', 'schema', 'scripts', 'subgraphs', 'test/support'], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`transpiling the sources for the tests' processes failed (exit ${code})`))));
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-test-pg-'));
  const [pg] = await Promise.all([startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), persistent: false }), warming]);
  process.env.HUB_TEST_ADMIN_URL = pg.adminUrl;
  const shared = path.join(dir, 'shared-hub');
  mkdirSync(shared);
  process.env.HUB_TEST_SHARED_DIR = shared;
  process.env.HUB_TEST_MAIN_PID = String(process.pid);
  globalThis.__HUB_TEST_PG__ = pg;
}
