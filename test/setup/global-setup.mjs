// One real PostgreSQL for the whole test run; each test file creates its own database in it, or
// uses the hub that files share (test/support/shared-hub.ts), started on the first file's request.
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres.mjs';

export default async function globalSetup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-test-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), persistent: false });
  process.env.HUB_TEST_ADMIN_URL = pg.adminUrl;
  const shared = path.join(dir, 'shared-hub');
  mkdirSync(shared);
  process.env.HUB_TEST_SHARED_DIR = shared;
  process.env.HUB_TEST_MAIN_PID = String(process.pid);
  globalThis.__HUB_TEST_PG__ = pg;
}
