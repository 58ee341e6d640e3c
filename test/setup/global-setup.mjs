// One real PostgreSQL for the whole test run; each test file creates its own database in it.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres.mjs';

export default async function globalSetup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-test-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data'), persistent: false });
  process.env.HUB_TEST_ADMIN_URL = pg.adminUrl;
  globalThis.__HUB_TEST_PG__ = pg;
}
